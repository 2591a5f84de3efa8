package dev.oncell.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One customer (and so one cell) as the server reports it.
 *
 * @param id the customer id chosen at creation
 * @param state the lifecycle state, for example {@code ACTIVE}, {@code PAUSED} or {@code FAILED}
 * @param agent the name of the agent bound to the customer, if any
 * @param env the deployment environment whose agent version serves the customer ({@code production}
 *     or {@code staging})
 * @param config the customer's configuration, any JSON value ({@code {}} when the server sent none)
 * @param setupRunId the run of the agent's setup, if the customer has an agent
 * @param error why the setup failed, when {@code state} is {@code FAILED}
 * @param createdAt when the customer was created
 * @param lastActiveAt when the customer's cell was last used
 * @param cell what its cell runs with; empty from servers that do not report it
 */
public record Customer(
    String id,
    String state,
    Optional<String> agent,
    String env,
    JsonNode config,
    Optional<String> setupRunId,
    Optional<ApiError> error,
    Instant createdAt,
    Instant lastActiveAt,
    Optional<CellStatus> cell) {

  /** The environment a customer is created in unless another is asked for. */
  public static final String DEFAULT_ENV = "production";

  public Customer {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(agent, "agent");
    Objects.requireNonNull(env, "env");
    config = Objects.requireNonNull(config, "config").deepCopy();
    Objects.requireNonNull(setupRunId, "setupRunId");
    Objects.requireNonNull(error, "error");
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(lastActiveAt, "lastActiveAt");
    Objects.requireNonNull(cell, "cell");
  }

  /** A customer without its cell's status. */
  public Customer(
      String id,
      String state,
      Optional<String> agent,
      String env,
      JsonNode config,
      Optional<String> setupRunId,
      Optional<ApiError> error,
      Instant createdAt,
      Instant lastActiveAt) {
    this(
        id,
        state,
        agent,
        env,
        config,
        setupRunId,
        error,
        createdAt,
        lastActiveAt,
        Optional.empty());
  }

  /** A customer in {@value #DEFAULT_ENV} without a setup run or error. */
  public Customer(
      String id,
      String state,
      Optional<String> agent,
      JsonNode config,
      Instant createdAt,
      Instant lastActiveAt) {
    this(
        id,
        state,
        agent,
        DEFAULT_ENV,
        config,
        Optional.empty(),
        Optional.empty(),
        createdAt,
        lastActiveAt);
  }

  /** Whether the agent's setup failed, so the customer cannot run methods. */
  public boolean failed() {
    return state.equals("FAILED");
  }

  /** This customer in the server's wire format. */
  public ObjectNode toJson() {
    return CustomerWireFormat.toJson(this);
  }
}
