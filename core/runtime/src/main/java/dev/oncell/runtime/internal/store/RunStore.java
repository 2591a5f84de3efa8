package dev.oncell.runtime.internal.store;

import com.fasterxml.jackson.databind.JsonNode;
import dev.oncell.runtime.RunError;
import dev.oncell.runtime.RunEvent;
import dev.oncell.runtime.RunInfo;
import dev.oncell.runtime.RunStatus;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Runs and their events in the control plane. */
public final class RunStore {

  private final ControlPlane controlPlane;

  public RunStore(ControlPlane controlPlane) {
    this.controlPlane = controlPlane;
  }

  public void insert(RunInfo run, Optional<String> idempotencyKey) {
    try (Connection c = controlPlane.connection();
        PreparedStatement s =
            c.prepareStatement(
                "INSERT INTO runs (id, customer_id, deployment_id, agent, version, method, status,"
                    + " input, idempotency_key, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
      s.setString(1, run.id());
      s.setString(2, run.customer());
      s.setString(3, run.deploymentId());
      s.setString(4, run.agent());
      s.setString(5, run.version());
      s.setString(6, run.method());
      s.setString(7, run.status().name());
      s.setString(8, Json.write(run.input()));
      s.setString(9, idempotencyKey.orElse(null));
      s.setTimestamp(10, Timestamp.from(run.createdAt()));
      s.executeUpdate();
    } catch (SQLException e) {
      throw ControlPlane.failure("record run " + run.id(), e);
    }
  }

  public void finish(
      String runId,
      RunStatus status,
      Optional<JsonNode> result,
      Optional<RunError> error,
      Instant at) {
    try (Connection c = controlPlane.connection();
        PreparedStatement s =
            c.prepareStatement(
                "UPDATE runs SET status = ?, result = ?, error_code = ?, error_message = ?,"
                    + " finished_at = ? WHERE id = ?")) {
      s.setString(1, status.name());
      s.setString(2, result.map(Json::write).orElse(null));
      s.setString(3, error.map(RunError::code).orElse(null));
      s.setString(4, error.map(e -> ControlPlane.truncate(e.message(), 4000)).orElse(null));
      s.setTimestamp(5, Timestamp.from(at));
      s.setString(6, runId);
      s.executeUpdate();
    } catch (SQLException e) {
      throw ControlPlane.failure("finish run " + runId, e);
    }
  }

  public Optional<RunInfo> find(String runId) {
    return query("SELECT * FROM runs WHERE id = ?", runId).stream().findFirst();
  }

  public Optional<RunInfo> byIdempotencyKey(String customer, String key) {
    return query("SELECT * FROM runs WHERE customer_id = ? AND idempotency_key = ?", customer, key)
        .stream()
        .findFirst();
  }

  public List<RunInfo> byCustomer(String customer) {
    return query("SELECT * FROM runs WHERE customer_id = ? ORDER BY created_at DESC, id", customer);
  }

  public List<RunInfo> running() {
    return query("SELECT * FROM runs WHERE status = ?", RunStatus.RUNNING.name());
  }

  public void deleteCustomer(String customer) {
    try (Connection c = controlPlane.connection();
        PreparedStatement events =
            c.prepareStatement(
                "DELETE FROM run_events WHERE run_id IN (SELECT id FROM runs WHERE customer_id = ?)");
        PreparedStatement runs = c.prepareStatement("DELETE FROM runs WHERE customer_id = ?")) {
      events.setString(1, customer);
      events.executeUpdate();
      runs.setString(1, customer);
      runs.executeUpdate();
    } catch (SQLException e) {
      throw ControlPlane.failure("delete the runs of " + customer, e);
    }
  }

  private List<RunInfo> query(String sql, String... params) {
    try (Connection c = controlPlane.connection();
        PreparedStatement s = c.prepareStatement(sql)) {
      for (int i = 0; i < params.length; i++) {
        s.setString(i + 1, params[i]);
      }
      List<RunInfo> runs = new ArrayList<>();
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          String errorCode = rs.getString("error_code");
          String errorMessage = rs.getString("error_message");
          Timestamp finished = rs.getTimestamp("finished_at");
          runs.add(
              new RunInfo(
                  rs.getString("id"),
                  rs.getString("customer_id"),
                  rs.getString("deployment_id"),
                  rs.getString("agent"),
                  rs.getString("version"),
                  rs.getString("method"),
                  RunStatus.valueOf(rs.getString("status")),
                  Json.read(rs.getString("input")),
                  Optional.ofNullable(rs.getString("result")).map(Json::read),
                  Optional.ofNullable(errorCode)
                      .map(code -> new RunError(code, errorMessage == null ? "" : errorMessage)),
                  rs.getTimestamp("created_at").toInstant(),
                  Optional.ofNullable(finished).map(Timestamp::toInstant)));
        }
      }
      return runs;
    } catch (SQLException e) {
      throw ControlPlane.failure("read runs", e);
    }
  }

  public void insertEvent(String runId, RunEvent event) {
    try (Connection c = controlPlane.connection();
        PreparedStatement s =
            c.prepareStatement(
                "INSERT INTO run_events (run_id, seq, type, data, at) VALUES (?, ?, ?, ?, ?)")) {
      s.setString(1, runId);
      s.setLong(2, event.seq());
      s.setString(3, event.type());
      s.setString(4, Json.write(event.data()));
      s.setTimestamp(5, Timestamp.from(event.at()));
      s.executeUpdate();
    } catch (SQLException e) {
      throw ControlPlane.failure("record an event of run " + runId, e);
    }
  }

  public List<RunEvent> events(String runId, long afterSeq) {
    try (Connection c = controlPlane.connection();
        PreparedStatement s =
            c.prepareStatement(
                "SELECT seq, type, data, at FROM run_events WHERE run_id = ? AND seq > ? ORDER BY seq")) {
      s.setString(1, runId);
      s.setLong(2, afterSeq);
      List<RunEvent> events = new ArrayList<>();
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          events.add(
              new RunEvent(
                  rs.getLong(1),
                  rs.getString(2),
                  Json.read(rs.getString(3)),
                  rs.getTimestamp(4).toInstant()));
        }
      }
      return events;
    } catch (SQLException e) {
      throw ControlPlane.failure("read events of run " + runId, e);
    }
  }
}
