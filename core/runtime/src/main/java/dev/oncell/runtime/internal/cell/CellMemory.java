package dev.oncell.runtime.internal.cell;

import com.fasterxml.jackson.databind.JsonNode;
import dev.oncell.agent.Memory;
import dev.oncell.runtime.CellException;
import dev.oncell.runtime.internal.store.CellDatabase;
import dev.oncell.runtime.internal.store.Json;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * {@link Memory} in the cell's database: one row per key, the value as JSON text. A write returns
 * only once it is on the disk; on a full disk it fails with {@code disk_full} and changes nothing.
 */
public final class CellMemory implements Memory {

  static final int MAX_KEY_LENGTH = 512;

  private final CellDatabase database;

  /** The connection is looked up per call: the database may have been opened again in between. */
  CellMemory(CellDatabase database) {
    this.database = database;
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
        true,
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
        false,
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
        false,
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
        true,
        "DELETE FROM memory WHERE k = ?",
        s -> {
          s.setString(1, key);
          return s.executeUpdate() > 0;
        });
  }

  private interface Statement<T> {
    T run(PreparedStatement statement) throws SQLException;
  }

  private <T> T execute(boolean write, String sql, Statement<T> body) {
    if (write) {
      database.checkSpace();
    }
    Connection c = database.connection();
    try (PreparedStatement s = c.prepareStatement(sql)) {
      T result = body.run(s);
      if (write) {
        CellDatabase.sync(c);
      }
      return result;
    } catch (SQLException e) {
      if (CellException.isDiskFull(e)) {
        throw CellException.diskFull("cannot write the cell's memory; free space and retry", e);
      }
      throw CellException.internal("memory: " + e.getMessage(), e);
    }
  }
}
