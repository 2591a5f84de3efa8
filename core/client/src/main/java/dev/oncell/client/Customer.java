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
 * @param state the lifecycle state, for example {@code ACTIVE} or {@code PAUSED}
 * @param agent the name of the agent bound to the customer, if any
 * @param config the customer's configuration, any JSON value ({@code {}} when the server sent none)
 * @param createdAt when the customer was created
 * @param lastActiveAt when the customer's cell was last used
 */
public record Customer(
    String id,
    String state,
    Optional<String> agent,
    JsonNode config,
    Instant createdAt,
    Instant lastActiveAt) {

  public Customer {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(agent, "agent");
    config = Objects.requireNonNull(config, "config").deepCopy();
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(lastActiveAt, "lastActiveAt");
  }

  /** This customer in the server's wire format. */
  public ObjectNode toJson() {
    return WireFormat.toJson(this);
  }
}
