package dev.oncell.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Objects;
import java.util.Optional;

/**
 * How a run of an agent method ended: what {@link Agents#call} returns and what the last event of a
 * stream carries. A run that failed is a result too, not an exception.
 *
 * @param runId the run's id ({@code r-...}), for {@link Runs#get} and {@link Runs#events}
 * @param status {@code succeeded}, {@code failed}, {@code timed_out} or {@code cancelled}
 * @param result what the method returned, any JSON value; empty when it returned nothing or failed
 * @param error why the run did not succeed
 */
public record RunResult(
    String runId, String status, Optional<JsonNode> result, Optional<ApiError> error) {

  public RunResult {
    Objects.requireNonNull(runId, "runId");
    Objects.requireNonNull(status, "status");
    result = Objects.requireNonNull(result, "result").map(JsonNode::deepCopy);
    Objects.requireNonNull(error, "error");
  }

  /** Whether the status is {@code succeeded}. */
  public boolean succeeded() {
    return status.equals("succeeded");
  }

  /** This result in the server's wire format. */
  public ObjectNode toJson() {
    return RunWireFormat.toJson(this);
  }
}
