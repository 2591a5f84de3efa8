package dev.oncell.cli;

import dev.oncell.client.OncellClient;
import dev.oncell.client.ShellRequest;
import dev.oncell.client.ShellResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code oncell shell --customer X -- CMD...}: runs one command in the customer's cell, prints its
 * stdout and stderr exactly as returned and exits with its exit code (124 when it timed out).
 */
@Command(
    name = "shell",
    description =
        "Run a command in a customer's cell: oncell shell --customer ID -- CMD [ARG...]. Exits"
            + " with the command's exit code (124 on timeout), also with --json.")
final class ShellCommand extends ClientCommand {

  /** Exit code for a command killed at its timeout, as with coreutils' {@code timeout}. */
  static final int TIMED_OUT = 124;

  @Mixin CustomerOption customer;

  @Option(names = "--timeout-ms", paramLabel = "N", description = "Kill the command after N ms.")
  Optional<Long> timeoutMs = Optional.empty();

  @Option(names = "--cwd", paramLabel = "DIR", description = "Working directory in the cell.")
  Optional<String> cwd = Optional.empty();

  @Option(names = "--env", paramLabel = "NAME=VALUE", description = "Extra environment variable.")
  Map<String, String> env = Map.of();

  @Option(names = "--stdin", description = "Send this process's standard input to the command.")
  boolean stdin;

  @Mixin JsonOption json;

  @Parameters(
      arity = "1..*",
      paramLabel = "CMD",
      description = "The command; its words are joined with spaces.")
  List<String> command;

  @Override
  int run(OncellClient client) throws IOException {
    ShellRequest request = ShellRequest.of(String.join(" ", command)).withEnv(env);
    if (timeoutMs.isPresent()) {
      request = request.withTimeout(Duration.ofMillis(timeoutMs.get()));
    }
    if (cwd.isPresent()) {
      request = request.withCwd(cwd.get());
    }
    if (stdin) {
      request =
          request.withStdin(
              new String(environment().stdin().readAllBytes(), StandardCharsets.UTF_8));
    }
    ShellResponse response = client.shell(customer.id, request);
    if (json.enabled) {
      Json.print(out(), response.toJson());
    } else {
      out().print(response.stdout());
      out().flush();
      err().print(response.stderr());
      err().flush();
    }
    return response.timedOut() ? TIMED_OUT : response.exitCode();
  }
}
