package dev.oncell.runtime.internal;

import dev.oncell.runtime.CellException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * A cell's own H2 file database under {@code data/}. One connection, opened when the cell becomes
 * active and closed when it pauses, so a paused cell holds no handle. {@code WRITE_DELAY=0}: a
 * commit reaches the file before it returns, so it survives a crash of the host process.
 */
final class CellDatabase implements AutoCloseable {

  private final Connection connection;

  private CellDatabase(Connection connection) {
    this.connection = connection;
  }

  static CellDatabase open(Path file) {
    String url = "jdbc:h2:file:" + file + ";WRITE_DELAY=0;DB_CLOSE_ON_EXIT=FALSE";
    try {
      Connection connection = DriverManager.getConnection(url, "cell", "");
      try (Statement s = connection.createStatement()) {
        s.execute(
            "CREATE TABLE IF NOT EXISTS memory (k VARCHAR(512) PRIMARY KEY, v CLOB NOT NULL)");
      }
      return new CellDatabase(connection);
    } catch (SQLException e) {
      throw CellException.internal(
          "cannot open the cell database " + file + ": " + e.getMessage(), e);
    }
  }

  Connection connection() {
    return connection;
  }

  @Override
  public void close() {
    try (Statement s = connection.createStatement()) {
      s.execute("SHUTDOWN");
    } catch (SQLException e) {
      // Already closed; nothing to release.
    } finally {
      try {
        connection.close();
      } catch (SQLException e) {
        // ignore: the database is shut down
      }
    }
  }
}
