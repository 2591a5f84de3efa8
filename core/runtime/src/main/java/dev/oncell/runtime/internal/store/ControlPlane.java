package dev.oncell.runtime.internal.store;

import com.fasterxml.jackson.databind.JsonNode;
import dev.oncell.runtime.CellException;
import dev.oncell.runtime.CellInfo;
import dev.oncell.runtime.CellState;
import dev.oncell.runtime.RunError;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.flywaydb.core.Flyway;
import org.h2.api.ErrorCode;
import org.h2.jdbcx.JdbcConnectionPool;

/**
 * The control plane's H2 file database: customers and API keys. Schema changes are Flyway
 * migrations under {@code db/control}. Writes are flushed on commit ({@code WRITE_DELAY=0}) so a
 * crash of the host process loses no acknowledged change; creating and deleting a customer and
 * setting a secret also force it to the disk ({@code CHECKPOINT SYNC}), for a crash of the machine.
 *
 * <p>H2 closes a database for good after one failed write (a full disk): every connection then
 * answers "The database has been closed". {@link #connection()} notices, opens a fresh pool (H2
 * opens the file again, rolled back to its last commit) and goes on, so the control plane works
 * again as soon as space returns, without a restart. While the disk is full, writes fail with
 * {@code disk_full} and change nothing.
 */
public final class ControlPlane implements AutoCloseable {

  private static final java.util.logging.Logger LOG =
      java.util.logging.Logger.getLogger(ControlPlane.class.getName());

  private final Path dir;
  private final String url;
  private volatile JdbcConnectionPool pool;
  private volatile boolean readOnly;
  private volatile boolean closed;

  private ControlPlane(Path dir, String url, JdbcConnectionPool pool) {
    this.dir = dir;
    this.url = url;
    this.pool = pool;
  }

  public static ControlPlane open(Path dir) {
    String url = "jdbc:h2:file:" + dir.resolve("oncell") + ";WRITE_DELAY=0;DB_CLOSE_ON_EXIT=FALSE";
    JdbcConnectionPool pool = JdbcConnectionPool.create(url, "oncell", "");
    try {
      Flyway.configure(ControlPlane.class.getClassLoader())
          .dataSource(pool)
          .locations("classpath:db/control")
          .load()
          .migrate();
    } catch (RuntimeException e) {
      pool.dispose();
      throw CellException.internal(
          "cannot open the control plane database under " + dir + ": " + e.getMessage(), e);
    }
    return new ControlPlane(dir, url, pool);
  }

  /** Inserts a new customer; false if the id is taken. */
  public boolean insertCustomer(CellInfo info) {
    try (Connection c = connection();
        PreparedStatement s =
            c.prepareStatement(
                "INSERT INTO customers (id, state, agent, config, created_at, updated_at,"
                    + " last_active_at, env) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
      s.setString(1, info.id());
      s.setString(2, info.state().name());
      s.setString(3, info.agent().orElse(null));
      s.setString(4, Json.write(info.config()));
      s.setTimestamp(5, Timestamp.from(info.createdAt()));
      s.setTimestamp(6, Timestamp.from(info.createdAt()));
      s.setTimestamp(7, Timestamp.from(info.lastActiveAt()));
      s.setString(8, info.env());
      s.executeUpdate();
      CellDatabase.sync(c);
      return true;
    } catch (SQLException e) {
      if (e.getErrorCode() == org.h2.api.ErrorCode.DUPLICATE_KEY_1) {
        return false;
      }
      throw failure("insert customer " + info.id(), e);
    }
  }

  public void updateState(String id, CellState state, Instant now) {
    update("UPDATE customers SET state = ?, updated_at = ? WHERE id = ?", id, state.name(), now);
  }

  public void updateSetupRun(String id, String runId) {
    try (Connection c = connection();
        PreparedStatement s =
            c.prepareStatement("UPDATE customers SET setup_run_id = ? WHERE id = ?")) {
      s.setString(1, runId);
      s.setString(2, id);
      s.executeUpdate();
    } catch (SQLException e) {
      throw failure("record the setup run of " + id, e);
    }
  }

  /** Records the outcome of a setup: ACTIVE, or FAILED with its error. */
  public void finishSetup(String id, CellState state, Optional<RunError> error, Instant now) {
    try (Connection c = connection();
        PreparedStatement s =
            c.prepareStatement(
                "UPDATE customers SET state = ?, error_code = ?, error_message = ?, updated_at = ?"
                    + " WHERE id = ?")) {
      s.setString(1, state.name());
      s.setString(2, error.map(RunError::code).orElse(null));
      s.setString(3, error.map(e -> truncate(e.message(), 4000)).orElse(null));
      s.setTimestamp(4, Timestamp.from(now));
      s.setString(5, id);
      s.executeUpdate();
    } catch (SQLException e) {
      throw failure("record the setup of " + id, e);
    }
  }

  static String truncate(String text, int max) {
    return text.length() <= max ? text : text.substring(0, max - 3) + "...";
  }

  public void updateLastActive(String id, Instant at) {
    try (Connection c = connection();
        PreparedStatement s =
            c.prepareStatement("UPDATE customers SET last_active_at = ? WHERE id = ?")) {
      s.setTimestamp(1, Timestamp.from(at));
      s.setString(2, id);
      s.executeUpdate();
    } catch (SQLException e) {
      throw failure("record activity of " + id, e);
    }
  }

  private void update(String sql, String id, String state, Instant now) {
    try (Connection c = connection();
        PreparedStatement s = c.prepareStatement(sql)) {
      s.setString(1, state);
      s.setTimestamp(2, Timestamp.from(now));
      s.setString(3, id);
      s.executeUpdate();
    } catch (SQLException e) {
      throw failure("update customer " + id, e);
    }
  }

  /**
   * Removes a customer with its keys and git credentials, in one transaction: a customer made later
   * under the same id never inherits any of them.
   */
  public void deleteCustomer(String id) {
    try (Connection c = connection()) {
      c.setAutoCommit(false);
      try {
        for (String sql :
            List.of(
                "DELETE FROM api_keys WHERE customer_id = ?",
                "DELETE FROM git_credentials WHERE customer_id = ?",
                "DELETE FROM customers WHERE id = ?")) {
          try (PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, id);
            s.executeUpdate();
          }
        }
        c.commit();
      } catch (SQLException e) {
        c.rollback();
        throw e;
      } finally {
        c.setAutoCommit(true); // the connection goes back to the pool
      }
      CellDatabase.sync(c);
    } catch (SQLException e) {
      throw failure("delete customer " + id, e);
    }
  }

  public Optional<CellInfo> customer(String id) {
    List<CellInfo> found = query("SELECT * FROM customers WHERE id = ?", id);
    return found.stream().findFirst();
  }

  /** The ids of every recorded customer: what start-up loads one by one. */
  public List<String> customerIds() {
    try (Connection c = pool.getConnection();
        PreparedStatement s = c.prepareStatement("SELECT id FROM customers ORDER BY id");
        ResultSet rs = s.executeQuery()) {
      List<String> ids = new ArrayList<>();
      while (rs.next()) {
        ids.add(rs.getString(1));
      }
      return ids;
    } catch (SQLException e) {
      throw failure("read customers", e);
    }
  }

  List<CellInfo> customers() {
    return query("SELECT * FROM customers ORDER BY id", null);
  }

  private List<CellInfo> query(String sql, String param) {
    try (Connection c = connection();
        PreparedStatement s = c.prepareStatement(sql)) {
      if (param != null) {
        s.setString(1, param);
      }
      List<CellInfo> result = new ArrayList<>();
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          JsonNode config = Json.read(rs.getString("config"));
          Optional<RunError> error =
              Optional.ofNullable(rs.getString("error_code"))
                  .map(code -> new RunError(code, stringOrEmpty(rs, "error_message")));
          result.add(
              new CellInfo(
                  rs.getString("id"),
                  CellState.valueOf(rs.getString("state")),
                  Optional.ofNullable(rs.getString("agent")),
                  rs.getString("env"),
                  config,
                  Optional.ofNullable(rs.getString("setup_run_id")),
                  error,
                  rs.getTimestamp("created_at").toInstant(),
                  rs.getTimestamp("last_active_at").toInstant()));
        }
      }
      return result;
    } catch (SQLException e) {
      throw failure("read customers", e);
    }
  }

  private static String stringOrEmpty(ResultSet rs, String column) {
    try {
      return Optional.ofNullable(rs.getString(column)).orElse("");
    } catch (SQLException e) {
      return "";
    }
  }

  /**
   * A connection of the pool, checked first: one of a database that H2 closed after a failed write
   * is dropped with its pool, and the next comes from a fresh one. At most one reopen per call; if
   * that fails too, the call fails. A database reopened while less than {@link
   * CellDatabase#RESERVE_BYTES} are free is opened read-only: reads (keys, customers) go on, writes
   * fail with {@code disk_full} without touching the file (repeated failed writes and reopens of an
   * H2 file were measured to lose commits in between), and it is opened for writing again at the
   * first call after space returns.
   */
  public Connection connection() throws SQLException {
    JdbcConnectionPool current = pool;
    if (readOnly && !lowOnSpace()) {
      reopen(current);
      current = pool;
    }
    Connection c;
    try {
      c = current.getConnection();
    } catch (SQLException e) {
      if (!CellDatabase.closedByH2(e)) {
        throw e;
      }
      c = null;
    }
    if (c != null && CellDatabase.usable(c)) {
      return c;
    }
    reopen(current);
    return pool.getConnection();
  }

  private boolean lowOnSpace() {
    try {
      return Files.getFileStore(dir).getUsableSpace() < CellDatabase.RESERVE_BYTES;
    } catch (IOException e) {
      return false;
    }
  }

  private synchronized void reopen(JdbcConnectionPool broken) throws SQLException {
    if (closed) {
      throw new SQLException("the control plane is closed");
    }
    if (pool != broken) {
      return; // another call reopened it already
    }
    if (readOnly) {
      // Sessions of the read-only database would keep it open under the new pool's URL.
      try (Connection c = broken.getConnection();
          java.sql.Statement s = c.createStatement()) {
        s.execute("SHUTDOWN");
      } catch (SQLException e) {
        // closed already
      }
    }
    boolean low = lowOnSpace();
    LOG.warning(
        "the control plane database was closed (a failed write?) or is read-only; opening it"
            + (low ? " read-only while the disk is full" : " again"));
    pool = JdbcConnectionPool.create(low ? url + ";ACCESS_MODE_DATA=r" : url, "oncell", "");
    readOnly = low;
    broken.dispose();
  }

  public static CellException failure(String what, SQLException e) {
    if (CellException.isDiskFull(e) || e.getErrorCode() == ErrorCode.DATABASE_IS_READ_ONLY) {
      // read-only: only ever because the disk was full when it was opened again
      return CellException.diskFull("cannot " + what + "; free space and retry", e);
    }
    return CellException.internal("control plane: cannot " + what + ": " + e.getMessage(), e);
  }

  @Override
  public synchronized void close() {
    closed = true;
    pool.dispose();
  }
}
