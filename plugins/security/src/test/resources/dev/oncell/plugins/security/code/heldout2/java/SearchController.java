// oncell-bench: safe sql
import java.sql.*;
import org.springframework.web.bind.annotation.*;

@RestController
public class SearchController {
  private Connection connection;

  @GetMapping("/search")
  public int count(@RequestParam int page) throws SQLException {
    try (Statement st = connection.createStatement()) {
      ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM items OFFSET " + (page * 20));
      return rs.next() ? rs.getInt(1) : 0;
    }
  }
}
