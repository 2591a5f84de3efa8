package dev.oncell.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.oncell.client.ApiError;
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

  /**
   * For a customer whose agent setup failed, prints the one error line (not with {@code --json},
   * whose output holds the error); returns the exit code: 1 then, else 0.
   */
  static int setupOutcome(PrintWriter err, JsonOption json, Customer customer) {
    if (!customer.failed()) {
      return 0;
    }
    if (!json.enabled) {
      ErrorHandler.printError(
          err,
          "the setup of customer "
              + customer.id()
              + " failed"
              + customer.error().map(e -> ": " + e.message()).orElse(""),
          customer.error().map(ApiError::code).orElse("setup_failed"));
    }
    return ErrorHandler.API_ERROR;
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
    Table table = Table.of("ID", "STATE", "AGENT", "ENV", "CREATED", "LAST ACTIVE");
    for (Customer c : customers) {
      table.row(c.id(), c.state(), c.agent().orElse("-"), c.env(), c.createdAt(), c.lastActiveAt());
    }
    return table;
  }

  @Command(
      name = "create",
      description =
          "Create a customer. With --agent, the agent's setup runs at creation; --wait waits for"
              + " it and exits 1 if it failed.")
  static final class CreateCustomer extends ClientCommand {
    @Parameters(paramLabel = "ID", description = "The new customer's id.")
    String id;

    @Option(names = "--config", paramLabel = "JSON", description = "Configuration, as JSON.")
    Optional<String> config = Optional.empty();

    @Option(names = "--agent", paramLabel = "NAME", description = "The agent serving it.")
    Optional<String> agent = Optional.empty();

    @Option(
        names = "--env",
        paramLabel = "ENV",
        description = "Which deployment of the agent serves it: production (default) or staging.")
    Optional<String> env = Optional.empty();

    @Option(names = "--wait", description = "Wait until the agent's setup finished.")
    boolean waitForSetup;

    @Mixin JsonOption json;

    @Override
    int run(OncellClient client) {
      dev.oncell.client.CreateCustomer request =
          dev.oncell.client.CreateCustomer.of(id).withWaitForSetup(waitForSetup);
      if (config.isPresent()) {
        String text = config.get();
        request =
            request.withConfig(
                Json.parse(text)
                    .orElseThrow(
                        () ->
                            new ParameterException(
                                spec.commandLine(), "--config is not valid JSON: " + text)));
      }
      if (agent.isPresent()) {
        request = request.withAgent(agent.get());
      }
      if (env.isPresent()) {
        request = request.withEnv(env.get());
      }
      Customer customer = client.customers().create(request);
      printOne(out(), json, customer);
      return setupOutcome(err(), json, customer);
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
