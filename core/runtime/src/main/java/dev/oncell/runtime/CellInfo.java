package dev.oncell.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/** What the control plane knows of one customer's cell. */
public record CellInfo(
    String id,
    CellState state,
    Optional<String> agent,
    JsonNode config,
    Instant createdAt,
    Instant lastActiveAt) {

  public CellInfo {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(agent, "agent");
    Objects.requireNonNull(config, "config");
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(lastActiveAt, "lastActiveAt");
  }
}
