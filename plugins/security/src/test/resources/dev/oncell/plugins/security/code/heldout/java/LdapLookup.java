// oncell-bench: vulnerable ldap
import javax.naming.directory.*;
import org.springframework.web.bind.annotation.*;

@RestController
public class LdapLookup {
  private DirContext dirContext;

  @GetMapping("/people")
  public Object people(@RequestParam("q") String query) throws Exception {
    SearchControls controls = new SearchControls();
    String filter = String.format("(&(objectClass=person)(cn=%s))", query);
    return dirContext.search("ou=people", filter, controls);
  }
}
