package dev.oncell.client;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Objects;
import java.util.Optional;

/**
 * A request to create a customer. Start with {@link #of(String)} and add options with the {@code
 * with...} methods; each returns a new request.
 *
 * @param id the new customer's id
 * @param config the customer's configuration, any JSON value; empty means the server's default
 * @param agent the agent to bind the customer to; its setup runs at creation
 * @param env the deployment environment ({@code production} or {@code staging}); empty means {@code
 *     production}
 * @param waitForSetup whether the call waits until the agent's setup finished (sent as {@code
 *     ?wait=true}); the call then has no time limit
 */
public record CreateCustomer(
    String id,
    Optional<JsonNode> config,
    Optional<String> agent,
    Optional<String> env,
    boolean waitForSetup) {

  public CreateCustomer {
    Objects.requireNonNull(id, "id");
    config = Objects.requireNonNull(config, "config").map(JsonNode::deepCopy);
    Objects.requireNonNull(agent, "agent");
    Objects.requireNonNull(env, "env");
  }

  /** A request for {@code id} with every option left to the server's defaults. */
  public static CreateCustomer of(String id) {
    return new CreateCustomer(id, Optional.empty(), Optional.empty(), Optional.empty(), false);
  }

  /** The same request with a configuration. */
  public CreateCustomer withConfig(JsonNode value) {
    return new CreateCustomer(id, Optional.of(value), agent, env, waitForSetup);
  }

  /** The same request binding the customer to the agent named {@code value}. */
  public CreateCustomer withAgent(String value) {
    return new CreateCustomer(id, config, Optional.of(value), env, waitForSetup);
  }

  /** The same request in the deployment environment {@code value}. */
  public CreateCustomer withEnv(String value) {
    return new CreateCustomer(id, config, agent, Optional.of(value), waitForSetup);
  }

  /** The same request, waiting (or not) until the agent's setup finished. */
  public CreateCustomer withWaitForSetup(boolean value) {
    return new CreateCustomer(id, config, agent, env, value);
  }
}
