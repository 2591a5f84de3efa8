package dev.oncell.cli;

import dev.oncell.client.GrepLine;
import dev.oncell.client.GrepRequest;
import dev.oncell.client.GrepResults;
import dev.oncell.client.OncellClient;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code oncell grep --customer X REGEX}: matching lines of the cell's indexed files, printed as
 * {@code grep -rn} does. Exits 1 when nothing matched, as grep does.
 */
@Command(
    name = "grep",
    description =
        "Lines of a customer's indexed files matching a regular expression (grep -E syntax),"
            + " as path:line:text. Exits 1 when nothing matched.")
final class GrepCommand extends ClientCommand {

  @Mixin CustomerOption customer;

  @Option(names = "--glob", paramLabel = "GLOB", description = "Only files matching this glob.")
  Optional<String> glob = Optional.empty();

  @Option(names = "--limit", paramLabel = "N", description = "Most lines (1-10000, default 1000).")
  int limit = 1000;

  @Mixin JsonOption json;

  @Parameters(index = "0", paramLabel = "REGEX", description = "The regular expression.")
  String regex;

  @Override
  int run(OncellClient client) {
    GrepRequest request = GrepRequest.of(regex).withLimit(limit);
    if (glob.isPresent()) {
      request = request.withGlob(glob.get());
    }
    GrepResults results = client.search(customer.id).grep(request);
    if (json.enabled) {
      Json.print(out(), results.toJson());
    } else {
      for (GrepLine line : results.matches()) {
        out().println(line.path() + ":" + line.line() + ":" + line.text());
      }
      out().flush();
      if (results.truncated()) {
        err().println("(stopped at " + limit + " lines; raise --limit for more)");
      }
    }
    return results.matches().isEmpty() ? 1 : 0;
  }
}
