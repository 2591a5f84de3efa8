// oncell-bench: vulnerable sql
package com.example.users;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.bind.annotation.*;

@RestController
public class UserController {
  private final JdbcTemplate jdbcTemplate;

  UserController(JdbcTemplate jdbcTemplate) {
    this.jdbcTemplate = jdbcTemplate;
  }

  @GetMapping("/users")
  public Object find(@RequestParam String sort) {
    return jdbcTemplate.queryForList("SELECT id, name FROM users ORDER BY " + sort);
  }
}
