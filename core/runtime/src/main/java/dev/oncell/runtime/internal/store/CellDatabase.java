package dev.oncell.runtime.internal.store;

import dev.oncell.runtime.CellException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.logging.Logger;
import org.h2.api.ErrorCode;

/**
 * A cell's own H2 file database under {@code data/}. One connection, opened when the cell becomes
 * active and closed when it pauses, so a paused cell holds no handle. {@code WRITE_DELAY=0}: a
 * commit reaches the file before it returns, so it survives a crash of the host process; {@link
 * #sync} after a write forces it to the disk, so it survives a crash of the machine too.
 *
 * <p>A full disk. H2 closes the database for good after one failed write; {@link #connection()}
 * notices and opens it again (H2 rolls it back to its last commit), but only once the folder has
 * {@link #RESERVE_BYTES} free: repeated failed writes and reopens of an H2 file on a full disk were
 * seen to lose commits made in between, so while the disk is that full every write is refused with
 * {@code disk_full} before it reaches H2 ({@link #checkSpace}); reads go on as long as no failed
 * write closed the database.
 */
public final class CellDatabase implements AutoCloseable {

  /** The free space below which writes are refused and a closed database is not reopened. */
  static final long RESERVE_BYTES = 1L << 20;

  private static final Logger LOG = Logger.getLogger(CellDatabase.class.getName());

  private final Path file;
  private Connection connection; // guarded by this

  private CellDatabase(Path file, Connection connection) {
    this.file = file;
    this.connection = connection;
  }

  public static CellDatabase open(Path file) {
    return new CellDatabase(file, connect(file));
  }

  private static Connection connect(Path file) {
    String url = "jdbc:h2:file:" + file + ";WRITE_DELAY=0;DB_CLOSE_ON_EXIT=FALSE";
    try {
      Connection connection = DriverManager.getConnection(url, "cell", "");
      try (Statement s = connection.createStatement()) {
        s.execute(
            "CREATE TABLE IF NOT EXISTS memory (k VARCHAR(512) PRIMARY KEY, v CLOB NOT NULL)");
      } catch (SQLException e) {
        connection.close();
        throw e;
      }
      return connection;
    } catch (SQLException e) {
      if (CellException.isDiskFull(e)) {
        throw CellException.diskFull("cannot open the cell's database", e);
      }
      throw CellException.internal(
          "cannot open the cell database " + file + ": " + e.getMessage(), e);
    }
  }

  /**
   * The connection, opened again first if H2 closed the database after a failed write.
   *
   * @throws CellException {@code disk_full} when it must be reopened but the disk is still full
   */
  public synchronized Connection connection() {
    if (!usable(connection)) {
      checkSpace();
      LOG.warning("the cell database " + file + " was closed (a failed write?); opening it again");
      closeQuietly(connection);
      connection = connect(file);
    }
    return connection;
  }

  /**
   * Refuses a write before it reaches H2 when less than {@link #RESERVE_BYTES} are free.
   *
   * @throws CellException {@code disk_full}
   */
  public void checkSpace() {
    long free;
    try {
      free = Files.getFileStore(file.getParent()).getUsableSpace();
    } catch (IOException e) {
      return; // cannot tell; the write itself will say
    }
    if (free < RESERVE_BYTES) {
      throw CellException.diskFull(
          "the cell's data needs at least " + RESERVE_BYTES + " bytes free; free space and retry",
          null);
    }
  }

  /** Forces what {@code c} committed to the disk (H2 itself never calls fsync on commit). */
  public static void sync(Connection c) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.execute("CHECKPOINT SYNC");
    }
  }

  /** Whether H2 answered that its database is closed (after a failed write, or shut down). */
  public static boolean closedByH2(SQLException e) {
    return e.getErrorCode() == ErrorCode.DATABASE_IS_CLOSED
        || e.getErrorCode() == ErrorCode.DATABASE_CALLED_AT_SHUTDOWN;
  }

  /**
   * Whether {@code c} still talks to an open database; closes it if not. A query, not {@code
   * isValid}: H2 answers {@code isValid} true for a session of a database it closed after a failed
   * write, and 90098 "The database has been closed" for any statement.
   */
  static boolean usable(Connection c) {
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT 1")) {
      return rs.next();
    } catch (SQLException e) {
      closeQuietly(c);
      return false;
    }
  }

  private static void closeQuietly(Connection c) {
    try {
      c.close();
    } catch (SQLException e) {
      // the database is closed already: nothing to roll back
    }
  }

  @Override
  public synchronized void close() {
    try (Statement s = connection.createStatement()) {
      s.execute("SHUTDOWN");
    } catch (SQLException e) {
      // Already closed; nothing to release.
    } finally {
      closeQuietly(connection);
    }
  }
}
