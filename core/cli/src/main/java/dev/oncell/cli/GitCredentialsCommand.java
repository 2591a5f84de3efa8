package dev.oncell.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.oncell.client.GitCredentialInfo;
import dev.oncell.client.OncellClient;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code oncell git credentials set|list|delete}: the tokens the server uses, on the host, for a
 * customer's git remotes and forges. The token is read from stdin (or typed without echo at a
 * terminal), never taken as a flag, which would land in shell history and the process list.
 */
@Command(
    name = "credentials",
    description = {
      "Manage customers' git credentials: one token per customer and host (such as github.com),",
      "held by the server and used only for that customer's cell, never inside it.",
      "A token is never shown back, only a hint."
    },
    subcommands = {
      GitCredentialsCommand.SetCredential.class,
      GitCredentialsCommand.ListCredentials.class,
      GitCredentialsCommand.DeleteCredential.class
    })
final class GitCredentialsCommand extends CommandGroup {

  /** {@code --host H}: the host a credential is for. */
  static final class HostOption {
    @Option(
        names = "--host",
        required = true,
        paramLabel = "HOST",
        description = "The git host, such as github.com (no scheme, port or path).")
    String host;
  }

  @Command(
      name = "set",
      description = {
        "Set (or replace) a customer's credential for a host; the token is read from stdin.",
        "Example: oncell git credentials set --customer acme --host github.com < token.txt"
      })
  static final class SetCredential extends ClientCommand {
    @Mixin CustomerOption customer;
    @Mixin HostOption host;

    @Option(
        names = "--username",
        paramLabel = "USER",
        description = "The user name sent with the token (default: one the forges accept).")
    Optional<String> username;

    @Override
    int run(OncellClient client) throws IOException {
      String token = token();
      GitCredentialInfo set = client.gitCredentials().set(customer.id, host.host, username, token);
      out()
          .println(
              "Set the git credential of "
                  + set.customer()
                  + " for "
                  + set.host()
                  + " ("
                  + set.hint()
                  + ")");
      out().flush();
      return 0;
    }

    /** The token: typed without echo at a terminal, else all of stdin less one line end. */
    private String token() throws IOException {
      CliEnvironment env = environment();
      String token;
      if (env.console().isPresent()) {
        char[] typed = env.console().get().readPassword("Token for %s: ", host.host);
        token = typed == null ? "" : new String(typed);
      } else {
        token = new String(env.stdin().readAllBytes(), StandardCharsets.UTF_8);
        token = token.endsWith("\r\n") ? token.substring(0, token.length() - 2) : token;
        token = token.endsWith("\n") ? token.substring(0, token.length() - 1) : token;
      }
      if (token.isEmpty()) {
        throw new CliException(
            "give the token on stdin, such as: oncell git credentials set --customer "
                + customer.id
                + " --host "
                + host.host
                + " < token.txt",
            "no_token",
            ErrorHandler.USAGE_ERROR);
      }
      return token;
    }
  }

  @Command(name = "list", description = "List a customer's git credentials: hosts and hints.")
  static final class ListCredentials extends ClientCommand {
    @Mixin CustomerOption customer;
    @Mixin JsonOption json;

    @Override
    int run(OncellClient client) {
      List<GitCredentialInfo> credentials = client.gitCredentials().list(customer.id);
      if (json.enabled) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        ArrayNode array = node.putArray("credentials");
        for (GitCredentialInfo c : credentials) {
          ObjectNode item = array.addObject().put("customer", c.customer()).put("host", c.host());
          item.put("username", c.username().orElse(null))
              .put("hint", c.hint())
              .put("createdAt", c.createdAt().toString())
              .put("updatedAt", c.updatedAt().toString());
        }
        Json.print(out(), node);
      } else {
        Table table = Table.of("HOST", "USERNAME", "HINT", "UPDATED");
        credentials.forEach(
            c -> table.row(c.host(), c.username().orElse("-"), c.hint(), c.updatedAt().toString()));
        table.print(out());
      }
      return 0;
    }
  }

  @Command(name = "delete", description = "Delete a customer's git credential for a host.")
  static final class DeleteCredential extends ClientCommand {
    @Mixin CustomerOption customer;
    @Mixin HostOption host;

    @Override
    int run(OncellClient client) {
      client.gitCredentials().delete(customer.id, host.host);
      out().println("Deleted the git credential of " + customer.id + " for " + host.host);
      out().flush();
      return 0;
    }
  }
}
