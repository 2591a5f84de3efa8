package dev.oncell.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One run of an agent method in one customer's cell, as {@code GET /v1/runs/{id}} reports it.
 *
 * @param runId the run's id ({@code r-...})
 * @param customer the customer whose cell it ran in
 * @param agent the agent's name
 * @param version the version of the agent that ran it
 * @param method the method called
 * @param status {@code running}, {@code succeeded}, {@code failed}, {@code timed_out} or {@code
 *     cancelled}
 * @param input the input it was called with
 * @param result what the method returned, once it succeeded
 * @param error why it did not succeed
 * @param createdAt when it started
 * @param finishedAt when it ended; empty while running
 */
public record Run(
    String runId,
    String customer,
    String agent,
    String version,
    String method,
    String status,
    JsonNode input,
    Optional<JsonNode> result,
    Optional<ApiError> error,
    Instant createdAt,
    Optional<Instant> finishedAt) {

  public Run {
    Objects.requireNonNull(runId, "runId");
    Objects.requireNonNull(customer, "customer");
    Objects.requireNonNull(agent, "agent");
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(status, "status");
    input = Objects.requireNonNull(input, "input").deepCopy();
    result = Objects.requireNonNull(result, "result").map(JsonNode::deepCopy);
    Objects.requireNonNull(error, "error");
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(finishedAt, "finishedAt");
  }

  /** Whether the run has ended (its status is anything but {@code running}). */
  public boolean finished() {
    return !status.equals("running");
  }

  /** This run in the server's wire format. */
  public ObjectNode toJson() {
    return RunWireFormat.toJson(this);
  }
}
