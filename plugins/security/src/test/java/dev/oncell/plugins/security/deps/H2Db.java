package dev.oncell.plugins.security.deps;

import dev.oncell.agent.Db;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real H2 database (in memory) behind the agent API's {@link Db}, as the cell's database answers
 * it (autocommit, column labels upper case), for the engine's tests outside a host. Counts the
 * statements, as each would be one journaled step in a run.
 */
final class H2Db implements Db, AutoCloseable {

  private static final AtomicInteger NEXT = new AtomicInteger();

  private final Connection connection;
  int statements;
  final List<String> updates = new ArrayList<>();

  H2Db() {
    this("jdbc:h2:mem:osv" + NEXT.incrementAndGet() + ";DB_CLOSE_DELAY=-1");
  }

  /** A database at {@code url}: a file database for the benchmark, as a cell's is. */
  H2Db(String url) {
    try {
      connection = DriverManager.getConnection(url);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public int update(String sql, Object... params) {
    statements++;
    updates.add(sql);
    try (PreparedStatement s = prepare(sql, params)) {
      return s.executeUpdate();
    } catch (SQLException e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
  }

  @Override
  public List<Map<String, Object>> query(String sql, Object... params) {
    statements++;
    try (PreparedStatement s = prepare(sql, params);
        ResultSet rs = s.executeQuery()) {
      ResultSetMetaData meta = rs.getMetaData();
      List<Map<String, Object>> rows = new ArrayList<>();
      while (rs.next()) {
        Map<String, Object> row = new LinkedHashMap<>();
        for (int i = 1; i <= meta.getColumnCount(); i++) {
          row.put(meta.getColumnLabel(i), rs.getObject(i));
        }
        rows.add(row);
      }
      return rows;
    } catch (SQLException e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
  }

  private PreparedStatement prepare(String sql, Object[] params) throws SQLException {
    PreparedStatement s = connection.prepareStatement(sql);
    for (int i = 0; i < params.length; i++) {
      s.setObject(i + 1, params[i]);
    }
    return s;
  }

  @Override
  public void close() throws SQLException {
    try (var s = connection.createStatement()) {
      s.execute("SHUTDOWN");
    }
    connection.close();
  }
}
