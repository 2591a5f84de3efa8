package dev.oncell.runtime.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.oncell.agent.Memory;
import dev.oncell.runtime.CellException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/** {@link Memory} in the cell's database: one row per key, the value as JSON text. */
final class CellMemory implements Memory {

  static final int MAX_KEY_LENGTH = 512;

  private final Supplier<Connection> connection;

  /** The connection is looked up per call: the cell may have paused and woken in between. */
  CellMemory(Supplier<Connection> connection) {
    this.connection = connection;
  }

  static void checkKey(String key) {
    Objects.requireNonNull(key, "key");
    if (key.isEmpty() || key.length() > MAX_KEY_LENGTH) {
      throw CellException.invalid(
          "invalid_key", "a memory key has 1 to " + MAX_KEY_LENGTH + " characters");
    }
    if (key.chars().anyMatch(Character::isISOControl)) {
      throw CellException.invalid("invalid_key", "a memory key cannot contain control characters");
    }
  }

  @Override
  public void set(String key, JsonNode value) {
    checkKey(key);
    Objects.requireNonNull(value, "value");
    execute(
        "MERGE INTO memory (k, v) KEY (k) VALUES (?, ?)",
        s -> {
          s.setString(1, key);
          s.setString(2, Json.write(value));
          s.executeUpdate();
          return null;
        });
  }

  @Override
  public Optional<JsonNode> get(String key) {
    checkKey(key);
    return execute(
        "SELECT v FROM memory WHERE k = ?",
        s -> {
          s.setString(1, key);
          try (ResultSet rs = s.executeQuery()) {
            return rs.next() ? Optional.of(Json.read(rs.getString(1))) : Optional.empty();
          }
        });
  }

  @Override
  public List<String> keys() {
    return execute(
        "SELECT k FROM memory ORDER BY k",
        s -> {
          List<String> keys = new ArrayList<>();
          try (ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
              keys.add(rs.getString(1));
            }
          }
          return keys;
        });
  }

  @Override
  public boolean delete(String key) {
    checkKey(key);
    return execute(
        "DELETE FROM memory WHERE k = ?",
        s -> {
          s.setString(1, key);
          return s.executeUpdate() > 0;
        });
  }

  private interface Statement<T> {
    T run(PreparedStatement statement) throws SQLException;
  }

  private <T> T execute(String sql, Statement<T> body) {
    try (PreparedStatement s = connection.get().prepareStatement(sql)) {
      return body.run(s);
    } catch (SQLException e) {
      throw CellException.internal("memory: " + e.getMessage(), e);
    }
  }
}
