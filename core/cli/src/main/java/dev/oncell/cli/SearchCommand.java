package dev.oncell.cli;

import dev.oncell.client.CodeHit;
import dev.oncell.client.OncellClient;
import dev.oncell.client.SearchRequest;
import dev.oncell.client.SearchResults;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code oncell search --customer X QUERY...}: the best chunks of the cell's code. */
@Command(
    name = "search",
    description = "Search a customer's indexed code: oncell search --customer ID QUERY...")
final class SearchCommand extends ClientCommand {

  @Mixin CustomerOption customer;

  @Option(
      names = {"--top", "-k"},
      paramLabel = "N",
      description = "How many hits (1-100, default 10).")
  int topK = 10;

  @Option(names = "--glob", paramLabel = "GLOB", description = "Only files matching this glob.")
  Optional<String> glob = Optional.empty();

  @Option(names = "--content", description = "Print each hit's content, not only where it is.")
  boolean content;

  @Mixin JsonOption json;

  @Parameters(arity = "1..*", paramLabel = "QUERY", description = "Words; joined with spaces.")
  List<String> query;

  @Override
  int run(OncellClient client) {
    SearchRequest request = SearchRequest.of(String.join(" ", query)).withTopK(topK);
    if (glob.isPresent()) {
      request = request.withGlob(glob.get());
    }
    SearchResults results = client.search(customer.id).search(request);
    if (json.enabled) {
      Json.print(out(), results.toJson());
      return 0;
    }
    for (CodeHit hit : results.hits()) {
      out()
          .printf(
              "%.3f  %s:%d-%d  %s%n",
              hit.score(), hit.path(), hit.startLine(), hit.endLine(), hit.symbol().orElse(""));
      if (content) {
        out().println(hit.content().stripTrailing().indent(4));
      }
    }
    if (results.hits().isEmpty()) {
      err().println("no hits (is the cell indexed? oncell index --customer " + customer.id + ")");
    }
    out().flush();
    return 0;
  }
}
