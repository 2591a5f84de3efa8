package dev.oncell.client;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** {@link Customers} over {@code /v1/customers}. */
final class HttpCustomers implements Customers {

  private final Transport transport;

  HttpCustomers(Transport transport) {
    this.transport = transport;
  }

  @Override
  public Customer create(CreateCustomer request) {
    Objects.requireNonNull(request, "request");
    // Waiting for the agent's setup may take as long as the setup does: no time limit then.
    Optional<Duration> timeout =
        request.waitForSetup() ? Optional.empty() : Optional.of(transport.requestTimeout());
    return transport
        .sendJson(
            "POST",
            "/v1/customers" + (request.waitForSetup() ? "?wait=true" : ""),
            WireFormat.createCustomer(request),
            timeout,
            Map.of())
        .json(CustomerWireFormat::customer);
  }

  @Override
  public List<Customer> list() {
    return transport.get("/v1/customers").json(CustomerWireFormat::customers);
  }

  @Override
  public Customer get(String id) {
    return transport.get(HttpOncellClient.customerPath(id)).json(CustomerWireFormat::customer);
  }

  @Override
  public void delete(String id) {
    transport.delete(HttpOncellClient.customerPath(id));
  }

  @Override
  public Customer pause(String id) {
    return transport
        .post(HttpOncellClient.customerPath(id) + "/pause")
        .json(CustomerWireFormat::customer);
  }

  @Override
  public Customer resume(String id) {
    return transport
        .post(HttpOncellClient.customerPath(id) + "/resume")
        .json(CustomerWireFormat::customer);
  }

  @Override
  public TokenUsage usage(String id) {
    return transport
        .get(HttpOncellClient.customerPath(id) + "/usage")
        .json(node -> WireFormat.usage(node, "customer"));
  }
}
