package dev.oncell.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.oncell.client.OncellClient;
import dev.oncell.client.Webhook;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code oncell webhooks set|list|delete}: a customer's forge webhooks. */
@Command(
    name = "webhooks",
    description = {
      "Manage a customer's forge webhooks: which agent method a GitHub, GitLab or Gitea event"
          + " starts, and the secret the forge signs deliveries with.",
      "Point the forge at POST <server>/v1/webhooks/<forge> (see the README, section Webhooks)."
    },
    subcommands = {
      WebhooksCommand.SetWebhook.class,
      WebhooksCommand.ListWebhooks.class,
      WebhooksCommand.DeleteWebhook.class
    })
final class WebhooksCommand extends CommandGroup {

  @Command(
      name = "set",
      description = {
        "Set (replace) the customer's webhook for a forge; the secret is read from stdin, so it"
            + " stays out of shell history.",
        "Example: oncell webhooks set --customer acme --forge github --method review < secret.txt"
      })
  static final class SetWebhook extends ClientCommand {
    @Mixin CustomerOption customer;

    @Option(
        names = "--forge",
        required = true,
        paramLabel = "FORGE",
        description = "github, gitlab or gitea.")
    String forge;

    @Option(
        names = "--method",
        required = true,
        paramLabel = "METHOD",
        description = "The agent method the events start.")
    String method;

    @Option(
        names = "--event",
        paramLabel = "EVENT",
        description = "pull_request (the default) or push; repeat for both.")
    List<String> events = List.of();

    @Override
    int run(OncellClient client) throws IOException {
      String secret = new String(environment().stdin().readAllBytes(), StandardCharsets.UTF_8);
      secret = secret.endsWith("\r\n") ? secret.substring(0, secret.length() - 2) : secret;
      secret = secret.endsWith("\n") ? secret.substring(0, secret.length() - 1) : secret;
      Map<String, String> methods = new LinkedHashMap<>();
      for (String event : events.isEmpty() ? List.of("pull_request") : events) {
        methods.put(event, method);
      }
      Webhook set = client.webhooks().set(customer.id, forge, secret, methods);
      out()
          .println(
              "Set the "
                  + set.forge()
                  + " webhook of "
                  + set.customerId()
                  + ": "
                  + set.methods()
                  + " (secret "
                  + set.secretHint()
                  + ")");
      out().flush();
      return 0;
    }
  }

  @Command(name = "list", description = "List the customer's webhooks: never their secrets.")
  static final class ListWebhooks extends ClientCommand {
    @Mixin CustomerOption customer;
    @Mixin JsonOption json;

    @Override
    int run(OncellClient client) {
      List<Webhook> hooks = client.webhooks().list(customer.id);
      if (json.enabled) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        ArrayNode array = node.putArray("webhooks");
        for (Webhook w : hooks) {
          ObjectNode hook =
              array.addObject().put("customerId", w.customerId()).put("forge", w.forge());
          ObjectNode on = hook.putObject("on");
          w.methods().forEach((event, method) -> on.putObject(event).put("method", method));
          hook.put("secretHint", w.secretHint()).put("updatedAt", w.updatedAt().toString());
        }
        Json.print(out(), node);
      } else {
        Table table = Table.of("FORGE", "EVENT", "METHOD", "SECRET", "UPDATED");
        for (Webhook w : hooks) {
          w.methods()
              .forEach(
                  (event, method) ->
                      table.row(
                          w.forge(), event, method, w.secretHint(), w.updatedAt().toString()));
        }
        table.print(out());
      }
      return 0;
    }
  }

  @Command(name = "delete", description = "Delete the customer's webhook for a forge.")
  static final class DeleteWebhook extends ClientCommand {
    @Mixin CustomerOption customer;

    @Option(
        names = "--forge",
        required = true,
        paramLabel = "FORGE",
        description = "github, gitlab or gitea.")
    String forge;

    @Override
    int run(OncellClient client) {
      client.webhooks().delete(customer.id, forge);
      out().println("Deleted the " + forge + " webhook of " + customer.id);
      out().flush();
      return 0;
    }
  }
}
