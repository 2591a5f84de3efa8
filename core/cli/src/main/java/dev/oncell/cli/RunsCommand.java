package dev.oncell.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.oncell.client.OncellClient;
import dev.oncell.client.Run;
import dev.oncell.client.RunEvent;
import dev.oncell.client.RunResult;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code oncell runs get|list|events}: runs of agent methods. */
@Command(
    name = "runs",
    description = "Inspect runs of agent methods and follow their events.",
    subcommands = {RunsCommand.GetRun.class, RunsCommand.ListRuns.class, RunsCommand.Events.class})
final class RunsCommand extends CommandGroup {

  private static Table table(List<Run> runs) {
    Table table = Table.of("RUN", "METHOD", "STATUS", "AGENT", "VERSION", "CREATED", "FINISHED");
    for (Run r : runs) {
      table.row(
          r.runId(),
          r.method(),
          r.status(),
          r.agent(),
          r.version(),
          r.createdAt(),
          r.finishedAt().map(Instant::toString).orElse("-"));
    }
    return table;
  }

  @Command(name = "get", description = "Show one run.")
  static final class GetRun extends ClientCommand {
    @Parameters(paramLabel = "RUN", description = "The run's id.")
    String runId;

    @Mixin JsonOption json;

    @Override
    int run(OncellClient client) {
      Run run = client.runs().get(runId);
      if (json.enabled) {
        Json.print(out(), run.toJson());
      } else {
        table(List.of(run)).print(out());
        run.error().ifPresent(e -> out().println("Error: " + e.message() + " (" + e.code() + ")"));
        out().flush();
      }
      return 0;
    }
  }

  @Command(name = "list", description = "List a customer's runs, newest first.")
  static final class ListRuns extends ClientCommand {
    @Mixin CustomerOption customer;

    @Mixin JsonOption json;

    @Override
    int run(OncellClient client) {
      List<Run> runs = client.runs().list(customer.id);
      if (json.enabled) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        ArrayNode array = node.putArray("runs");
        runs.forEach(r -> array.add(r.toJson()));
        Json.print(out(), node);
      } else {
        table(runs).print(out());
      }
      return 0;
    }
  }

  @Command(
      name = "events",
      description =
          "Print a run's events (like 'stream'), following it until it ends. Exits 1 if the run"
              + " did not succeed.")
  static final class Events extends ClientCommand {
    @Parameters(paramLabel = "RUN", description = "The run's id.")
    String runId;

    @Option(
        names = "--after",
        paramLabel = "N",
        description = "Only events with an id above N (to resume where a watcher stopped).")
    long after;

    @Option(
        names = "--json",
        description = "Print each event, the last included, as one JSON line {id, type, data}.")
    boolean json;

    @Override
    int run(OncellClient client) {
      if (after < 0) {
        throw new CliException("--after must not be negative", "invalid_argument", 2);
      }
      AtomicReference<Optional<RunResult>> last = new AtomicReference<>(Optional.empty());
      client
          .runs()
          .events(
              runId,
              after,
              (RunEvent event) -> {
                RunOutput.event(out(), event, json);
                event.runResult().ifPresent(r -> last.set(Optional.of(r)));
              });
      Optional<RunResult> result = last.get();
      if (result.isEmpty()) {
        return 0;
      }
      return json ? RunOutput.exitCode(result.get()) : RunOutput.result(out(), err(), result.get());
    }
  }
}
