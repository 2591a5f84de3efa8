package dev.oncell.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.oncell.client.Customer;
import dev.oncell.client.OncellClient;
import java.io.PrintWriter;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;

/** {@code oncell customers create|get|list|pause|resume|delete}. */
@Command(
    name = "customers",
    description = "Create, inspect, pause, resume and delete customers.",
    subcommands = {
      CustomersCommand.CreateCustomer.class,
      CustomersCommand.GetCustomer.class,
      CustomersCommand.ListCustomers.class,
      CustomersCommand.PauseCustomer.class,
      CustomersCommand.ResumeCustomer.class,
      CustomersCommand.DeleteCustomer.class
    })
final class CustomersCommand extends CommandGroup {

  /** Prints one customer as a one-row table, or as its JSON object. */
  static void printOne(PrintWriter out, JsonOption json, Customer customer) {
    if (json.enabled) {
      Json.print(out, customer.toJson());
    } else {
      table(List.of(customer)).print(out);
    }
  }

  /** Prints customers as a table, or as {@code {"customers": [...]}}. */
  static void printAll(PrintWriter out, JsonOption json, List<Customer> customers) {
    if (json.enabled) {
      ObjectNode node = JsonNodeFactory.instance.objectNode();
      ArrayNode array = node.putArray("customers");
      customers.forEach(c -> array.add(c.toJson()));
      Json.print(out, node);
    } else {
      table(customers).print(out);
    }
  }

  private static Table table(List<Customer> customers) {
    Table table = Table.of("ID", "STATE", "AGENT", "CREATED", "LAST ACTIVE");
    for (Customer c : customers) {
      table.row(c.id(), c.state(), c.agent().orElse("-"), c.createdAt(), c.lastActiveAt());
    }
    return table;
  }

  @Command(name = "create", description = "Create a customer.")
  static final class CreateCustomer extends ClientCommand {
    @Parameters(paramLabel = "ID", description = "The new customer's id.")
    String id;

    @Option(names = "--config", paramLabel = "JSON", description = "Configuration, as JSON.")
    Optional<String> config = Optional.empty();

    @Mixin JsonOption json;

    @Override
    int run(OncellClient client) {
      Optional<JsonNode> parsed =
          config.map(
              text ->
                  Json.parse(text)
                      .orElseThrow(
                          () ->
                              new ParameterException(
                                  spec.commandLine(), "--config is not valid JSON: " + text)));
      Customer customer =
          parsed.isPresent()
              ? client.customers().create(id, parsed.get())
              : client.customers().create(id);
      printOne(out(), json, customer);
      return 0;
    }
  }

  @Command(name = "get", description = "Show one customer.")
  static final class GetCustomer extends ClientCommand {
    @Parameters(paramLabel = "ID")
    String id;

    @Mixin JsonOption json;

    @Override
    int run(OncellClient client) {
      printOne(out(), json, client.customers().get(id));
      return 0;
    }
  }

  @Command(name = "list", description = "List all customers.")
  static final class ListCustomers extends ClientCommand {
    @Mixin JsonOption json;

    @Override
    int run(OncellClient client) {
      printAll(out(), json, client.customers().list());
      return 0;
    }
  }

  @Command(name = "pause", description = "Pause a customer.")
  static final class PauseCustomer extends ClientCommand {
    @Parameters(paramLabel = "ID")
    String id;

    @Mixin JsonOption json;

    @Override
    int run(OncellClient client) {
      printOne(out(), json, client.customers().pause(id));
      return 0;
    }
  }

  @Command(name = "resume", description = "Resume a customer.")
  static final class ResumeCustomer extends ClientCommand {
    @Parameters(paramLabel = "ID")
    String id;

    @Mixin JsonOption json;

    @Override
    int run(OncellClient client) {
      printOne(out(), json, client.customers().resume(id));
      return 0;
    }
  }

  @Command(name = "delete", description = "Delete a customer and its cell.")
  static final class DeleteCustomer extends ClientCommand {
    @Parameters(paramLabel = "ID")
    String id;

    @Override
    int run(OncellClient client) {
      client.customers().delete(id);
      out().println("Deleted customer " + id);
      out().flush();
      return 0;
    }
  }
}
