package dev.oncell.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/** One call of an agent method in one customer's cell. */
public record RunInfo(
    String id,
    String customer,
    String deploymentId,
    String agent,
    String version,
    String method,
    RunStatus status,
    JsonNode input,
    Optional<JsonNode> result,
    Optional<RunError> error,
    Instant createdAt,
    Optional<Instant> finishedAt) {

  public RunInfo {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(customer, "customer");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(input, "input");
    Objects.requireNonNull(result, "result");
    Objects.requireNonNull(error, "error");
    Objects.requireNonNull(finishedAt, "finishedAt");
  }
}
