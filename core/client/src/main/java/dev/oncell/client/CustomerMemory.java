package dev.oncell.client;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Optional;

/**
 * The key-value memory of one customer: {@code /v1/customers/{id}/memory/{key}}. Values are any
 * JSON value. Obtain from {@link OncellClient#memory(String)}. Every method throws {@link
 * OncellApiException} on failure.
 */
public interface CustomerMemory {

  /** The customer this memory belongs to. */
  String customerId();

  /** The value stored under {@code key}, or empty if the server answers 404. */
  Optional<JsonNode> get(String key);

  /** Stores {@code value} under {@code key}, replacing any earlier value. */
  void put(String key, JsonNode value);

  /** Removes {@code key}; fails with status 404 if it is absent. */
  void delete(String key);

  /** All keys, in the order the server lists them. */
  List<String> keys();
}
