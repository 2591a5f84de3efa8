package dev.oncell.runtime.internal.cell;

import dev.oncell.agent.Db;
import dev.oncell.agent.ErrorKind;
import dev.oncell.runtime.CellException;
import dev.oncell.runtime.internal.store.CellDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The cell's SQL database for agents. Each call wakes the cell and holds off a pause; SQL errors
 * are the caller's ({@code invalid_sql}), not the host's, except a full disk ({@code disk_full}:
 * nothing changed) and a database H2 closed (opened again by the next call). An update returns only
 * once it is on the disk.
 */
public record GuardedDb(LiveCell cell) implements Db {

  @Override
  public int update(String sql, Object... params) {
    return cell.use(
        h -> {
          h.database().checkSpace();
          Connection c = h.database().connection();
          try (PreparedStatement s = prepare(c, sql, params)) {
            int count = s.executeUpdate();
            CellDatabase.sync(c);
            return count;
          } catch (SQLException e) {
            throw failure(e);
          }
        });
  }

  @Override
  public List<Map<String, Object>> query(String sql, Object... params) {
    return cell.use(
        h -> {
          try (PreparedStatement s = prepare(h.database().connection(), sql, params);
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
            throw failure(e);
          }
        });
  }

  private static CellException failure(SQLException e) {
    if (CellException.isDiskFull(e)) {
      return CellException.diskFull("cannot write the cell's database; free space and retry", e);
    }
    if (CellDatabase.closedByH2(e)) {
      return new CellException(
          ErrorKind.UNAVAILABLE,
          "database_closed",
          "the cell's database was closed by a failed write; retry",
          e);
    }
    return CellException.invalid("invalid_sql", e.getMessage());
  }

  private static PreparedStatement prepare(Connection c, String sql, Object[] params)
      throws SQLException {
    PreparedStatement s = c.prepareStatement(sql);
    for (int i = 0; i < params.length; i++) {
      s.setObject(i + 1, params[i]);
    }
    return s;
  }
}
