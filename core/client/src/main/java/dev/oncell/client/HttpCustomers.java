package dev.oncell.client;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** {@link Customers} over {@code /v1/customers}. */
final class HttpCustomers implements Customers {

  private final Transport transport;

  HttpCustomers(Transport transport) {
    this.transport = transport;
  }

  @Override
  public Customer create(String id) {
    return create(id, Optional.empty());
  }

  @Override
  public Customer create(String id, JsonNode config) {
    return create(id, Optional.of(Objects.requireNonNull(config, "config")));
  }

  private Customer create(String id, Optional<JsonNode> config) {
    Objects.requireNonNull(id, "id");
    return transport
        .sendJson(
            "POST",
            "/v1/customers",
            WireFormat.createCustomer(id, config),
            transport.requestTimeout())
        .json(WireFormat::customer);
  }

  @Override
  public List<Customer> list() {
    return transport.get("/v1/customers").json(WireFormat::customers);
  }

  @Override
  public Customer get(String id) {
    return transport.get(HttpOncellClient.customerPath(id)).json(WireFormat::customer);
  }

  @Override
  public void delete(String id) {
    transport.delete(HttpOncellClient.customerPath(id));
  }

  @Override
  public Customer pause(String id) {
    return transport.post(HttpOncellClient.customerPath(id) + "/pause").json(WireFormat::customer);
  }

  @Override
  public Customer resume(String id) {
    return transport.post(HttpOncellClient.customerPath(id) + "/resume").json(WireFormat::customer);
  }
}
