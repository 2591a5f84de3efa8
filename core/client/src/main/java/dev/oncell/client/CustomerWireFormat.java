package dev.oncell.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.oncell.client.wire.CellCustomerJson;
import dev.oncell.client.wire.CustomerJson;
import dev.oncell.client.wire.CustomersJson;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Customers on the wire: {@link CustomerJson} and {@link CellCustomerJson} read into {@link
 * Customer} (with its {@link CellStatus} when the server sent the cell's fields), and back for
 * printing.
 */
final class CustomerWireFormat {

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private CustomerWireFormat() {}

  static Customer customer(JsonNode node) {
    WireFormat.requireObject(node, "customer");
    return customer(WireFormat.read(node, CellCustomerJson.class));
  }

  private static Customer customer(CellCustomerJson json) {
    CustomerJson c = WireFormat.required(json.customer(), "id");
    JsonNode config = c.config();
    Instant createdAt = WireFormat.instant(c.createdAt(), "createdAt");
    return new Customer(
        WireFormat.required(c.id(), "id"),
        WireFormat.required(c.state(), "state"),
        Optional.ofNullable(c.agent()),
        Optional.ofNullable(c.env()).orElse(Customer.DEFAULT_ENV),
        config == null || config.isNull() ? NODES.objectNode() : config,
        Optional.ofNullable(c.setupRunId()),
        WireFormat.apiError(c.error()),
        createdAt,
        c.lastActiveAt() != null ? WireFormat.instant(c.lastActiveAt(), "lastActiveAt") : createdAt,
        json.backend() != null ? Optional.of(cellStatus(json)) : Optional.empty());
  }

  private static CellStatus cellStatus(CellCustomerJson json) {
    CellCustomerJson.Limits limits =
        json.limits() != null ? json.limits() : new CellCustomerJson.Limits(0, 0, 0, 0);
    CellCustomerJson.DiskUsage disk = json.diskUsage();
    return new CellStatus(
        json.backend(),
        new CellStatus.Limits(
            limits.cpus(), limits.memoryBytes(), limits.maxProcesses(), limits.diskBytes()),
        Duration.ofSeconds(json.idleTimeoutSeconds() == null ? 0 : json.idleTimeoutSeconds()),
        disk != null
            ? Optional.of(
                new CellStatus.DiskUsage(
                    disk.bytes(),
                    disk.files(),
                    WireFormat.instant(disk.measuredAt(), "measuredAt")))
            : Optional.empty());
  }

  static List<Customer> customers(JsonNode node) {
    WireFormat.requireObject(node, "customers");
    List<Customer> out = new ArrayList<>();
    for (CellCustomerJson item :
        WireFormat.required(WireFormat.read(node, CustomersJson.class).customers(), "customers")) {
      out.add(customer(WireFormat.required(item, "customers[]")));
    }
    return out;
  }

  static ObjectNode toJson(Customer customer) {
    CustomerJson c =
        new CustomerJson(
            customer.id(),
            customer.state(),
            customer.agent().orElse(null),
            customer.env(),
            customer.config().deepCopy(),
            customer.setupRunId().orElse(null),
            customer.error().map(WireFormat::errorDetail).orElse(null),
            customer.createdAt().toString(),
            customer.lastActiveAt().toString());
    if (customer.cell().isEmpty()) {
      return WireFormat.MAPPER.valueToTree(c);
    }
    CellStatus cell = customer.cell().get();
    return WireFormat.MAPPER.valueToTree(
        new CellCustomerJson(
            c,
            cell.backend(),
            new CellCustomerJson.Limits(
                cell.limits().cpus(),
                cell.limits().memoryBytes(),
                cell.limits().maxProcesses(),
                cell.limits().diskBytes()),
            cell.idleTimeout().toSeconds(),
            cell.diskUsage()
                .map(
                    d ->
                        new CellCustomerJson.DiskUsage(
                            d.bytes(), d.files(), d.measuredAt().toString()))
                .orElse(null)));
  }
}
