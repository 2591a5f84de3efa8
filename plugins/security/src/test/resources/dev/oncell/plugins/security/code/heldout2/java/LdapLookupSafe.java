// oncell-bench: safe ldap
import javax.naming.directory.*;
import org.springframework.ldap.support.LdapEncoder;
import org.springframework.web.bind.annotation.*;

@RestController
public class LdapLookupSafe {
  private DirContext dirContext;

  @GetMapping("/people")
  public Object people(@RequestParam("q") String query) throws Exception {
    SearchControls controls = new SearchControls();
    String filter = "(&(objectClass=person)(cn=" + LdapEncoder.filterEncode(query) + "))";
    return dirContext.search("ou=people", filter, controls);
  }
}
