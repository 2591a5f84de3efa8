package dev.oncell.cli;

import dev.oncell.client.OncellClient;
import dev.oncell.client.RunResult;
import java.io.IOException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code oncell stream METHOD --customer X}: calls an agent method and prints its events as they
 * come (see {@link RunOutput}), then its result. Exit code as for {@code run}.
 */
@Command(
    name = "stream",
    description =
        "Run an agent method for a customer, printing its events as they come, then its result."
            + " Exits 1 if the run did not succeed.")
final class StreamCommand extends ClientCommand {

  @Parameters(paramLabel = "METHOD", description = "The agent method to call.")
  String method;

  @Mixin CustomerOption customer;

  @Mixin InputOptions input;

  @Option(
      names = "--json",
      description = "Print each event, the last included, as one JSON line {id, type, data}.")
  boolean json;

  @Override
  int run(OncellClient client) throws IOException {
    RunResult result =
        client.agents().stream(
            method,
            customer.id,
            input.read(spec, environment()),
            event -> RunOutput.event(out(), event, json));
    return json ? RunOutput.exitCode(result) : RunOutput.result(out(), err(), result);
  }
}
