package dev.oncell.client;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** {@link CustomerMemory} over {@code /v1/customers/{id}/memory/{key}}. */
final class HttpCustomerMemory implements CustomerMemory {

  private final Transport transport;
  private final String customerId;
  private final String base;

  HttpCustomerMemory(Transport transport, String customerId) {
    this.transport = transport;
    this.customerId = Objects.requireNonNull(customerId, "customerId");
    this.base = HttpOncellClient.customerPath(customerId) + "/memory";
  }

  private String keyPath(String key) {
    return base + "/" + PathSegments.segment("memory key", key);
  }

  @Override
  public String customerId() {
    return customerId;
  }

  @Override
  public Optional<JsonNode> get(String key) {
    String path = keyPath(key);
    try {
      return Optional.of(transport.get(path).json(WireFormat::memoryValue));
    } catch (OncellApiException e) {
      if (e.status() == 404) {
        return Optional.empty();
      }
      throw e;
    }
  }

  @Override
  public void put(String key, JsonNode value) {
    Objects.requireNonNull(value, "value");
    transport.sendJson("PUT", keyPath(key), value, transport.requestTimeout());
  }

  @Override
  public void delete(String key) {
    transport.delete(keyPath(key));
  }

  @Override
  public List<String> keys() {
    return transport.get(base).json(WireFormat::memoryKeys);
  }
}
