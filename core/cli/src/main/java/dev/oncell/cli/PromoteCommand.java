package dev.oncell.cli;

import dev.oncell.client.OncellClient;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code oncell promote FROM TO [--agent NAME]}: makes what is active in FROM active in TO. */
@Command(
    name = "promote",
    description =
        "Make the agent versions active in FROM (for example staging) active in TO (for example"
            + " production); prints what is now active in TO.")
final class PromoteCommand extends ClientCommand {

  @Parameters(index = "0", paramLabel = "FROM", description = "The environment to promote from.")
  String from;

  @Parameters(index = "1", paramLabel = "TO", description = "The environment to promote to.")
  String to;

  @Option(names = "--agent", paramLabel = "NAME", description = "Promote only this agent.")
  Optional<String> agent = Optional.empty();

  @Mixin JsonOption json;

  @Override
  int run(OncellClient client) {
    DeploymentsCommand.printAll(
        out(), json, "promoted", client.deployments().promote(from, to, agent));
    return 0;
  }
}
