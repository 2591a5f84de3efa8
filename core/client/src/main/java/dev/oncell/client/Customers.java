package dev.oncell.client;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * Customer management: {@code /v1/customers}. Obtain from {@link OncellClient#customers()}. Every
 * method throws {@link OncellApiException} on failure, for example status 404 / code {@code
 * not_found} for an unknown id.
 */
public interface Customers {

  /**
   * Creates a customer. With an agent, the agent's setup runs at creation; with {@link
   * CreateCustomer#waitForSetup()} this call returns only once it finished, and a failed setup is
   * not an exception but a customer in state {@code FAILED} with its {@link Customer#error()}.
   */
  Customer create(CreateCustomer request);

  /** Creates a customer with the server's default configuration and no agent. */
  default Customer create(String id) {
    return create(CreateCustomer.of(id));
  }

  /** Creates a customer with {@code config}, any JSON value, and no agent. */
  default Customer create(String id, JsonNode config) {
    return create(CreateCustomer.of(id).withConfig(config));
  }

  /** All customers. */
  List<Customer> list();

  /** One customer. */
  Customer get(String id);

  /** Deletes a customer and its cell. */
  void delete(String id);

  /** Pauses a customer's cell; returns the customer in its new state. */
  Customer pause(String id);

  /** Resumes a paused customer's cell; returns the customer in its new state. */
  Customer resume(String id);

  /** {@code GET /v1/customers/{id}/usage}: tokens spent through LLM calls, against its budget. */
  TokenUsage usage(String id);
}
