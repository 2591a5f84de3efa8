package dev.oncell.cli;

import dev.oncell.client.IndexState;
import dev.oncell.client.IndexSummary;
import dev.oncell.client.OncellClient;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code oncell index --customer X [PATH] [--glob G]}: indexes the cell's files for search, or with
 * {@code --status} shows how far the index is.
 */
@Command(
    name = "index",
    description =
        "Index a customer's files for search and grep (incremental), or show the index's status"
            + " with --status.")
final class IndexCommand extends ClientCommand {

  @Mixin CustomerOption customer;

  @Parameters(
      arity = "0..1",
      paramLabel = "PATH",
      description = "Folder in the cell to index (default: /work, everything).")
  String path = "/work";

  @Option(
      names = "--glob",
      paramLabel = "GLOB",
      description = "Only files matching, e.g. '**/*.{ts,py}'.")
  Optional<String> glob = Optional.empty();

  @Option(names = "--status", description = "Show the index's status instead of indexing.")
  boolean status;

  @Mixin JsonOption json;

  @Override
  int run(OncellClient client) {
    var search = client.search(customer.id);
    if (status) {
      IndexState state = search.status();
      if (json.enabled) {
        Json.print(out(), state.toJson());
      } else {
        printState(state);
      }
      return 0;
    }
    IndexSummary summary = glob.isPresent() ? search.index(path, glob.get()) : search.index(path);
    if (json.enabled) {
      Json.print(out(), summary.toJson());
    } else {
      out()
          .printf(
              "indexed %d files (%d chunks); %d unchanged, %d removed, %d skipped%n",
              summary.files(),
              summary.chunks(),
              summary.unchanged(),
              summary.removed(),
              summary.skipped());
      printState(summary.status());
    }
    return 0;
  }

  private void printState(IndexState state) {
    out()
        .printf(
            "index: %d files, %d chunks, %d embedded (%s)%s%n",
            state.files(),
            state.chunks(),
            state.embedded(),
            state.model().orElse("keyword only"),
            state.indexing() ? ", indexing" : "");
    out().flush();
  }
}
