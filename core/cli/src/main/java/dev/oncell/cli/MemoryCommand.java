package dev.oncell.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.oncell.client.OncellClient;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code oncell memory get|set|keys|delete --customer X}: a customer's key-value memory. */
@Command(
    name = "memory",
    description = "Read and write a customer's memory (JSON values under string keys).",
    subcommands = {
      MemoryCommand.GetMemory.class,
      MemoryCommand.SetMemory.class,
      MemoryCommand.ListKeys.class,
      MemoryCommand.DeleteMemory.class
    })
final class MemoryCommand extends CommandGroup {

  @Command(
      name = "get",
      description = "Print the value of a key (indented JSON; with --json, {\"key\", \"value\"}).")
  static final class GetMemory extends ClientCommand {
    @Mixin CustomerOption customer;

    @Parameters(paramLabel = "KEY")
    String key;

    @Mixin JsonOption json;

    @Override
    int run(OncellClient client) {
      JsonNode value =
          client
              .memory(customer.id)
              .get(key)
              .orElseThrow(
                  () ->
                      new CliException(
                          "no memory key '" + key + "' for customer " + customer.id,
                          "not_found",
                          ErrorHandler.API_ERROR));
      if (json.enabled) {
        ObjectNode node = JsonNodeFactory.instance.objectNode().put("key", key);
        node.set("value", value);
        Json.print(out(), node);
      } else {
        Json.print(out(), value);
      }
      return 0;
    }
  }

  @Command(
      name = "set",
      description =
          "Store a value under a key. A VALUE that is not valid JSON is stored as a string.")
  static final class SetMemory extends ClientCommand {
    @Mixin CustomerOption customer;

    @Parameters(index = "0", paramLabel = "KEY")
    String key;

    @Parameters(index = "1", paramLabel = "JSON")
    String value;

    @Override
    int run(OncellClient client) {
      JsonNode parsed = Json.parse(value).orElseGet(() -> TextNode.valueOf(value));
      client.memory(customer.id).put(key, parsed);
      out().println("Set " + key);
      out().flush();
      return 0;
    }
  }

  @Command(name = "keys", description = "List the keys.")
  static final class ListKeys extends ClientCommand {
    @Mixin CustomerOption customer;

    @Mixin JsonOption json;

    @Override
    int run(OncellClient client) {
      List<String> keys = client.memory(customer.id).keys();
      if (json.enabled) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        keys.forEach(node.putArray("keys")::add);
        Json.print(out(), node);
      } else {
        Table table = Table.of("KEY");
        keys.forEach(table::row);
        table.print(out());
      }
      return 0;
    }
  }

  @Command(name = "delete", description = "Delete a key.")
  static final class DeleteMemory extends ClientCommand {
    @Mixin CustomerOption customer;

    @Parameters(paramLabel = "KEY")
    String key;

    @Override
    int run(OncellClient client) {
      client.memory(customer.id).delete(key);
      out().println("Deleted " + key);
      out().flush();
      return 0;
    }
  }
}
