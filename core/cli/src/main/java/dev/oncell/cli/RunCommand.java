package dev.oncell.cli;

import dev.oncell.client.OncellClient;
import dev.oncell.client.RunResult;
import java.io.IOException;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code oncell run METHOD --customer X}: calls an agent method, waits for it without a time limit
 * and prints its result as indented JSON. Exits 0 when the run succeeded, 1 with the one error line
 * otherwise.
 */
@Command(
    name = "run",
    description =
        "Run an agent method for a customer and print its result (JSON). Exits 1 if the run did"
            + " not succeed.")
final class RunCommand extends ClientCommand {

  @Parameters(paramLabel = "METHOD", description = "The agent method to call.")
  String method;

  @Mixin CustomerOption customer;

  @Mixin InputOptions input;

  @Option(
      names = "--idempotency-key",
      paramLabel = "KEY",
      description = "Repeating a call with the same key returns the first run's result.")
  Optional<String> idempotencyKey = Optional.empty();

  @Option(
      names = "--json",
      description = "Print the whole run result {runId, status, result, error}.")
  boolean json;

  @Override
  int run(OncellClient client) throws IOException {
    RunResult result =
        client.agents().call(method, customer.id, input.read(spec, environment()), idempotencyKey);
    if (json) {
      Json.print(out(), result.toJson());
      return RunOutput.exitCode(result);
    }
    return RunOutput.result(out(), err(), result);
  }
}
