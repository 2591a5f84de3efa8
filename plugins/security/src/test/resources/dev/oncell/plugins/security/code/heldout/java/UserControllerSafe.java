// oncell-bench: safe sql
package com.example.users;

import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.bind.annotation.*;

@RestController
public class UserControllerSafe {
  private static final Map<String, String> COLUMNS = Map.of("name", "name", "id", "id");
  private final JdbcTemplate jdbcTemplate;

  UserControllerSafe(JdbcTemplate jdbcTemplate) {
    this.jdbcTemplate = jdbcTemplate;
  }

  @GetMapping("/users")
  public Object find(@RequestParam String sort, @RequestParam String name) {
    String column = COLUMNS.getOrDefault(sort, "id");
    return jdbcTemplate.queryForList(
        "SELECT id, name FROM users WHERE name = ? ORDER BY " + column, name);
  }
}
