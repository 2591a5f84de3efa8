package dev.oncell.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * What the control plane knows of one customer's cell.
 *
 * @param env the deployment environment whose agent version serves this customer
 * @param setupRunId the run of the agent's {@code setup}, if the customer has an agent
 * @param error why the setup failed, when {@code state} is FAILED
 */
public record CellInfo(
    String id,
    CellState state,
    Optional<String> agent,
    String env,
    JsonNode config,
    Optional<String> setupRunId,
    Optional<RunError> error,
    Instant createdAt,
    Instant lastActiveAt) {

  public CellInfo {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(agent, "agent");
    Objects.requireNonNull(env, "env");
    Objects.requireNonNull(config, "config");
    Objects.requireNonNull(setupRunId, "setupRunId");
    Objects.requireNonNull(error, "error");
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(lastActiveAt, "lastActiveAt");
  }

  public CellInfo withState(CellState value) {
    return new CellInfo(id, value, agent, env, config, setupRunId, error, createdAt, lastActiveAt);
  }

  public CellInfo withLastActiveAt(Instant value) {
    return new CellInfo(id, state, agent, env, config, setupRunId, error, createdAt, value);
  }
}
