package dev.oncell.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.oncell.client.OncellClient;
import dev.oncell.client.Secret;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code oncell secrets set|list|delete}: the operator's secrets, such as LLM API keys. */
@Command(
    name = "secrets",
    description = {
      "Manage the operator's secrets: values that oncell.yaml names as $VAR (LLM API keys).",
      "Stored encrypted on the server; a value is never shown back, only a hint."
    },
    subcommands = {
      SecretsCommand.SetSecret.class,
      SecretsCommand.ListSecrets.class,
      SecretsCommand.DeleteSecret.class
    })
final class SecretsCommand extends CommandGroup {

  @Command(
      name = "set",
      description = {
        "Set a secret: NAME=value, or NAME alone to read the value from stdin (keeps it out of"
            + " shell history).",
        "Example: oncell secrets set OPENAI_API_KEY=sk-...   or   oncell secrets set"
            + " OPENAI_API_KEY < key.txt"
      })
  static final class SetSecret extends ClientCommand {
    @Parameters(paramLabel = "NAME[=VALUE]")
    String assignment;

    @Override
    int run(OncellClient client) throws IOException {
      int eq = assignment.indexOf('=');
      String name = eq < 0 ? assignment : assignment.substring(0, eq);
      String value;
      if (eq >= 0) {
        value = assignment.substring(eq + 1);
      } else {
        value = new String(environment().stdin().readAllBytes(), StandardCharsets.UTF_8);
        value = value.endsWith("\r\n") ? value.substring(0, value.length() - 2) : value;
        value = value.endsWith("\n") ? value.substring(0, value.length() - 1) : value;
      }
      if (name.isBlank()) {
        throw new CliException(
            "write NAME=value, or NAME alone and the value on stdin",
            "usage",
            ErrorHandler.USAGE_ERROR);
      }
      Secret set = client.secrets().set(name, value);
      out().println("Set " + set.name() + " (" + set.hint() + ")");
      out().flush();
      return 0;
    }
  }

  @Command(name = "list", description = "List the secrets: names and hints, never values.")
  static final class ListSecrets extends ClientCommand {
    @Mixin JsonOption json;

    @Override
    int run(OncellClient client) {
      List<Secret> secrets = client.secrets().list();
      if (json.enabled) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        ArrayNode array = node.putArray("secrets");
        for (Secret s : secrets) {
          array
              .addObject()
              .put("name", s.name())
              .put("hint", s.hint())
              .put("updatedAt", s.updatedAt().toString());
        }
        Json.print(out(), node);
      } else {
        Table table = Table.of("NAME", "HINT", "UPDATED");
        secrets.forEach(s -> table.row(s.name(), s.hint(), s.updatedAt().toString()));
        table.print(out());
      }
      return 0;
    }
  }

  @Command(name = "delete", description = "Delete a secret.")
  static final class DeleteSecret extends ClientCommand {
    @Parameters(paramLabel = "NAME")
    String name;

    @Override
    int run(OncellClient client) {
      client.secrets().delete(name);
      out().println("Deleted " + name);
      out().flush();
      return 0;
    }
  }
}
