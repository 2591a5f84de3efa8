package dev.oncell.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.oncell.client.Deployment;
import dev.oncell.client.OncellClient;
import java.io.PrintWriter;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code oncell deployments list}; also prints deployments for {@code deploy} and {@code promote}.
 */
@Command(
    name = "deployments",
    description = "Inspect deployed agent versions.",
    subcommands = {DeploymentsCommand.ListDeployments.class})
final class DeploymentsCommand extends CommandGroup {

  /** Prints deployments as a table, or as {@code {"<field>": [...]}}. */
  static void printAll(PrintWriter out, JsonOption json, String field, List<Deployment> all) {
    if (json.enabled) {
      ObjectNode node = JsonNodeFactory.instance.objectNode();
      ArrayNode array = node.putArray(field);
      all.forEach(d -> array.add(d.toJson()));
      Json.print(out, node);
    } else {
      table(all).print(out);
    }
  }

  /** Prints one deployment as a one-row table, or as its JSON object. */
  static void printOne(PrintWriter out, JsonOption json, Deployment deployment) {
    if (json.enabled) {
      Json.print(out, deployment.toJson());
    } else {
      table(List.of(deployment)).print(out);
    }
  }

  private static Table table(List<Deployment> deployments) {
    Table table = Table.of("AGENT", "VERSION", "ENV", "ACTIVE", "METHODS", "ID", "CREATED");
    for (Deployment d : deployments) {
      table.row(
          d.agent(),
          d.version(),
          d.env(),
          d.active() ? "yes" : "no",
          d.methods().isEmpty() ? "-" : String.join(",", d.methods()),
          d.id(),
          d.createdAt());
    }
    return table;
  }

  @Command(name = "list", description = "List every deployment.")
  static final class ListDeployments extends ClientCommand {
    @Mixin JsonOption json;

    @Override
    int run(OncellClient client) {
      printAll(out(), json, "deployments", client.deployments().list());
      return 0;
    }
  }
}
