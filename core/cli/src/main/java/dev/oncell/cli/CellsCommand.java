package dev.oncell.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.oncell.client.Customer;
import dev.oncell.client.OncellClient;
import dev.oncell.client.TokenUsage;
import java.io.PrintWriter;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code oncell cells list}, {@code oncell cells inspect ID} and {@code oncell usage}: cells'
 * state, backend, limits, disk use, last activity and LLM usage.
 */
@Command(
    name = "cells",
    description = "Look into customers' cells.",
    subcommands = {CellsCommand.ListCells.class, CellsCommand.Inspect.class})
final class CellsCommand extends CommandGroup {

  @Command(
      name = "list",
      description =
          "List cells: state, sandbox backend, limits, disk use (as last measured: when the cell"
              + " paused or was inspected) and last activity.")
  static final class ListCells extends ClientCommand {
    @Mixin JsonOption json;

    @Override
    int run(OncellClient client) {
      List<Customer> customers = client.customers().list();
      if (json.enabled) {
        CustomersCommand.printAll(out(), json, customers);
      } else {
        CellFormat.table(customers).print(out());
      }
      return 0;
    }
  }

  @Command(
      name = "inspect",
      description =
          "Show a cell: its customer record, sandbox backend, limits, disk use (measured now),"
              + " last activity and the tokens its LLM calls spent in the current budget period.")
  static final class Inspect extends ClientCommand {
    @Parameters(paramLabel = "ID")
    String id;

    @Mixin JsonOption json;

    @Override
    int run(OncellClient client) {
      Customer customer = client.customers().get(id);
      TokenUsage usage = client.customers().usage(id);
      if (json.enabled) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.set("customer", customer.toJson());
        node.set("usage", usageJson(usage));
        Json.print(out(), node);
        return 0;
      }
      PrintWriter out = out();
      out.println("customer  " + customer.id());
      out.println("state     " + customer.state());
      out.println("agent     " + customer.agent().orElse("-") + " (" + customer.env() + ")");
      out.println("created   " + customer.createdAt());
      out.println("active    " + customer.lastActiveAt());
      customer.error().ifPresent(e -> out.println("error     " + e.code() + ": " + e.message()));
      customer.cell().ifPresent(cell -> CellFormat.printCell(out, cell));
      out.println();
      printUsage(out, usage);
      out.flush();
      return 0;
    }
  }

  @Command(
      name = "usage",
      description =
          "Tokens spent through LLM calls in the current budget period, per model, by a customer"
              + " or by a deployment (all its customers).")
  static final class UsageCommand extends ClientCommand {
    @Option(names = "--customer", paramLabel = "ID", description = "A customer's usage.")
    Optional<String> customer;

    @Option(names = "--deployment", paramLabel = "ID", description = "A deployment's usage.")
    Optional<String> deployment;

    @Mixin JsonOption json;

    @Override
    int run(OncellClient client) {
      if (customer.isPresent() == deployment.isPresent()) {
        throw new CliException(
            "name either --customer or --deployment", "usage", ErrorHandler.USAGE_ERROR);
      }
      TokenUsage usage =
          customer.isPresent()
              ? client.customers().usage(customer.get())
              : client.deployments().usage(deployment.get());
      if (json.enabled) {
        Json.print(out(), usageJson(usage));
      } else {
        printUsage(out(), usage);
        out().flush();
      }
      return 0;
    }
  }

  static void printUsage(PrintWriter out, TokenUsage u) {
    out.println(
        "LLM usage since "
            + u.since()
            + " ("
            + u.period()
            + "): "
            + u.totalTokens()
            + " tokens ("
            + u.inputTokens()
            + " in, "
            + u.outputTokens()
            + " out) in "
            + u.requests()
            + " requests; budget "
            + u.budget()
                .map(b -> b + ", " + u.remaining().orElse(0L) + " left")
                .orElse("unlimited"));
    if (!u.byModel().isEmpty()) {
      Table table = Table.of("PROVIDER", "MODEL", "REQUESTS", "INPUT", "OUTPUT");
      u.byModel()
          .forEach(
              m ->
                  table.row(
                      m.provider(), m.model(), m.requests(), m.inputTokens(), m.outputTokens()));
      table.print(out);
    }
  }

  static ObjectNode usageJson(TokenUsage u) {
    ObjectNode node = JsonNodeFactory.instance.objectNode();
    node.put("subject", u.subject());
    node.put("period", u.period());
    node.put("since", u.since().toString());
    node.put("requests", u.requests());
    node.put("inputTokens", u.inputTokens());
    node.put("outputTokens", u.outputTokens());
    node.put("totalTokens", u.totalTokens());
    u.budget().ifPresentOrElse(b -> node.put("budget", b), () -> node.putNull("budget"));
    u.remaining().ifPresentOrElse(b -> node.put("remaining", b), () -> node.putNull("remaining"));
    ArrayNode models = node.putArray("byModel");
    u.byModel()
        .forEach(
            m ->
                models
                    .addObject()
                    .put("provider", m.provider())
                    .put("model", m.model())
                    .put("requests", m.requests())
                    .put("inputTokens", m.inputTokens())
                    .put("outputTokens", m.outputTokens()));
    return node;
  }
}
