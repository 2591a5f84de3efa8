package dev.oncell.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.oncell.client.ApiKey;
import dev.oncell.client.CreateKey;
import dev.oncell.client.CreatedKey;
import dev.oncell.client.OncellClient;
import java.io.PrintWriter;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code oncell keys list|create|revoke|rotate-bootstrap}: API keys. A key's value is printed once,
 * alone on stdout (so {@code KEY=$(oncell keys create ...)} works), the rest on stderr.
 */
@Command(
    name = "keys",
    description = {
      "Manage API keys: operator keys reach everything, customer keys one customer's cell and runs.",
      "Keys are stored hashed; a key is shown once, when it is made. Operator keys only."
    },
    subcommands = {
      KeysCommand.ListKeys.class,
      KeysCommand.CreateKeyCommand.class,
      KeysCommand.RevokeKey.class,
      KeysCommand.RotateBootstrap.class
    })
final class KeysCommand extends CommandGroup {

  @Command(name = "list", description = "List the keys: ids and hints, never a key.")
  static final class ListKeys extends ClientCommand {
    @Mixin JsonOption json;

    @Override
    int run(OncellClient client) {
      List<ApiKey> keys = client.keys().list();
      if (json.enabled) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        ArrayNode array = node.putArray("keys");
        keys.forEach(k -> array.add(toJson(k)));
        Json.print(out(), node);
      } else {
        Table table = Table.of("ID", "SCOPE", "HINT", "STATUS", "NAME", "CREATED", "EXPIRES");
        for (ApiKey k : keys) {
          table.row(
              k.id(),
              scope(k),
              k.hint(),
              k.status(),
              k.name().isEmpty() ? "-" : k.name(),
              k.createdAt(),
              k.expiresAt().map(Instant::toString).orElse("never"));
        }
        table.print(out());
      }
      return 0;
    }
  }

  /** {@code --operator} or {@code --customer ID}: exactly one. */
  static final class Scope {
    @Option(names = "--operator", required = true, description = "A key that reaches everything.")
    boolean operator;

    @Option(
        names = {"--customer", "-c"},
        required = true,
        paramLabel = "ID",
        description = "A key that reaches only this customer's cell and runs.")
    String customer;
  }

  /** {@code --expires-in D} or {@code --expires-at TIME}: at most one. */
  static final class Expiry {
    @Option(
        names = "--expires-in",
        paramLabel = "DURATION",
        description = "How long the key works: 90m, 24h, 30d, P30D.")
    String in;

    @Option(
        names = "--expires-at",
        paramLabel = "TIME",
        description = "When the key stops working, ISO-8601: 2027-01-31T00:00:00Z.")
    String at;
  }

  @Command(
      name = "create",
      description = {
        "Make a key. It is printed once, alone on stdout: store it now.",
        "Example: oncell keys create --customer acme --expires-in 30d --name acme-backend"
      })
  static final class CreateKeyCommand extends ClientCommand {
    @ArgGroup(exclusive = true, multiplicity = "1")
    Scope scope;

    @ArgGroup(exclusive = true, multiplicity = "0..1")
    Expiry expiry;

    @Option(names = "--name", paramLabel = "NAME", description = "A label for people.")
    Optional<String> name;

    @Mixin JsonOption json;

    @Override
    int run(OncellClient client) {
      CreateKey request =
          scope.operator ? CreateKey.operator() : CreateKey.customer(scope.customer);
      if (name.isPresent()) {
        request = request.withName(name.get());
      }
      if (expiry != null && expiry.in != null) {
        request = request.expiresIn(Durations.parse("--expires-in", expiry.in));
      } else if (expiry != null && expiry.at != null) {
        request = request.expiresAt(instant(expiry.at));
      }
      printCreated(out(), err(), json.enabled, client.keys().create(request), "Created key");
      return 0;
    }
  }

  @Command(name = "revoke", description = "Revoke a key: it stops working at once.")
  static final class RevokeKey extends ClientCommand {
    @Parameters(paramLabel = "ID", description = "The key's id, as keys list shows it.")
    String id;

    @Override
    int run(OncellClient client) {
      client.keys().revoke(id);
      out().println("Revoked " + id);
      out().flush();
      return 0;
    }
  }

  @Command(
      name = "rotate-bootstrap",
      description = {
        "Replace the bootstrap key (ONCELL_API_KEY or operator.key) with a new one, also written",
        "to the server's operator.key. The old key stops working at once."
      })
  static final class RotateBootstrap extends ClientCommand {
    @Mixin JsonOption json;

    @Override
    int run(OncellClient client) {
      CreatedKey made = client.keys().rotateBootstrap();
      printCreated(out(), err(), json.enabled, made, "Rotated the bootstrap key to");
      if (!json.enabled) {
        err()
            .println(
                "The server keeps it in its operator.key. A server started with ONCELL_API_KEY"
                    + " refuses the old key at its next start: set ONCELL_API_KEY to this key or"
                    + " unset it. Update clients with oncell login.");
        err().flush();
      }
      return 0;
    }
  }

  /**
   * A key just made: with {@code --json} its whole record and value on stdout; otherwise one line
   * about it on stderr and the key alone on stdout.
   */
  private static void printCreated(
      PrintWriter out, PrintWriter err, boolean json, CreatedKey made, String what) {
    ApiKey k = made.info();
    if (json) {
      Json.print(out, toJson(k).put("key", made.key()));
      return;
    }
    err.println(
        what
            + " "
            + k.id()
            + " ("
            + scope(k)
            + ", "
            + k.expiresAt().map(at -> "expires " + at).orElse("no expiry")
            + "); it is shown only now:");
    err.flush();
    out.println(made.key());
    out.flush();
  }

  private static Instant instant(String text) {
    try {
      return OffsetDateTime.parse(text.strip()).toInstant();
    } catch (DateTimeException e) {
      throw new CliException(
          "--expires-at must be an ISO-8601 time such as 2027-01-31T00:00:00Z, not '" + text + "'",
          "invalid_option",
          ErrorHandler.USAGE_ERROR);
    }
  }

  private static String scope(ApiKey k) {
    String scope = k.customer().map(c -> "customer:" + c).orElse(k.scope());
    return k.bootstrap() ? scope + " (bootstrap)" : scope;
  }

  static ObjectNode toJson(ApiKey k) {
    ObjectNode node = JsonNodeFactory.instance.objectNode();
    node.put("id", k.id());
    node.put("name", k.name());
    node.put("hint", k.hint());
    node.put("scope", k.scope());
    node.put("customer", k.customer().orElse(null));
    node.put("bootstrap", k.bootstrap());
    node.put("status", k.status());
    node.put("createdAt", k.createdAt().toString());
    node.put("expiresAt", k.expiresAt().map(Instant::toString).orElse(null));
    node.put("revokedAt", k.revokedAt().map(Instant::toString).orElse(null));
    return node;
  }
}
