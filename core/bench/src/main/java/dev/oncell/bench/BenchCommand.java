package dev.oncell.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.oncell.bench.BenchTimer.Row;
import dev.oncell.cli.Table;
import dev.oncell.client.OncellClient;
import dev.oncell.client.ShellRequest;
import dev.oncell.runtime.CellInfo;
import dev.oncell.runtime.Cells;
import dev.oncell.runtime.Host;
import dev.oncell.runtime.HostConfig;
import dev.oncell.runtime.PluginJars;
import dev.oncell.runtime.RunInfo;
import dev.oncell.server.OncellServer;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.logging.Level;
import java.util.logging.Logger;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code oncell bench}: latency of the API's basic calls, end to end through HTTP and the Java
 * client, against a throw-away server on an ephemeral loopback port. Prints a table.
 */
@Command(
    name = "bench",
    subcommands = {
      SearchBenchCommand.class,
      CellsBenchCommand.class,
      GitBenchCommand.class,
      LspBenchCommand.class
    },
    description = {
      "Measure p50/p99 latency of shell, memory and customer calls through the HTTP API.",
      "Starts its own server on a free loopback port with a temporary ONCELL_HOME."
    })
final class BenchCommand implements Callable<Integer> {

  private static final Logger[] QUIET =
      new Logger[] {
        Logger.getLogger("org.flywaydb"),
        Logger.getLogger("io.helidon"),
        Logger.getLogger("org.pf4j")
      };

  @Spec CommandSpec spec;

  @Option(
      names = "--calls",
      defaultValue = "200",
      description = "Calls per operation (default 200).")
  int calls;

  @Option(
      names = "--sandbox",
      defaultValue = "bubblewrap",
      description = "Sandbox backend to measure (default bubblewrap).")
  String sandbox;

  @Option(
      names = "--warmup",
      defaultValue = "30",
      description = "Untimed calls first (default 30).")
  int warmup;

  private BenchTimer timer;

  @Override
  public Integer call() throws IOException {
    timer = new BenchTimer(calls, warmup);
    for (Logger logger : QUIET) {
      logger.setLevel(Level.WARNING);
    }
    Path home = Files.createTempDirectory("oncell-bench-");
    String key = "bench-operator-key-" + System.nanoTime();
    PrintWriter out = spec.commandLine().getOut();
    try (Host host = Host.open(HostConfig.defaults(home).withSandbox(sandbox))) {
      host.apiKeys().bootstrapOperatorKey(Optional.of(key));
      try (OncellServer server = OncellServer.builder(host).port(0).build().start();
          OncellClient client = OncellClient.create(URI.create(server.url()), key)) {
        List<Row> rows = run(client);
        rows.addAll(journal(host));
        print(out, rows);
      }
    } finally {
      deleteTree(home);
    }
    return 0;
  }

  private List<Row> run(OncellClient client) {
    client.customers().create("bench");
    List<Row> rows = new ArrayList<>();
    rows.add(
        timer.measure(
            "shell `true` round trip", () -> client.shell("bench", ShellRequest.of("true"))));
    int[] counter = {0};
    rows.add(
        timer.measure(
            "memory set",
            () ->
                client
                    .memory("bench")
                    .put("k" + (counter[0]++ % 50), IntNode.valueOf(counter[0]))));
    rows.add(timer.measure("memory get", () -> client.memory("bench").get("k1")));
    int[] created = {0};
    rows.add(
        timer.measure("customer create", () -> client.customers().create("c-" + created[0]++)));
    rows.add(
        timer.measureEach(
            "wake paused cell -> memory get",
            () -> client.customers().pause("bench"),
            () -> client.memory("bench").get("k1")));
    rows.add(
        timer.measureEach(
            "wake paused cell -> shell `true`",
            () -> client.customers().pause("bench"),
            () -> client.shell("bench", ShellRequest.of("true"))));
    return rows;
  }

  /**
   * The durable journal: per-step checkpoint overhead of steps that do nothing (each one written
   * and fsynced before it returns), and whole 10-step runs one after another.
   */
  private List<Row> journal(Host host) {
    host.deployments()
        .deploy(PluginJars.plugin("oncell-bench", "1.0.0", BenchAgent.class), "production");
    host.cells()
        .create(
            new Cells.NewCell(
                "bench-journal",
                JsonNodeFactory.instance.objectNode(),
                Optional.of("bench"),
                "production"));
    awaitSetup(host, "bench-journal");
    RunInfo steps =
        host.runs()
            .await(
                host.runs()
                    .start("bench-journal", "steps", IntNode.valueOf(calls * 5), Optional.empty())
                    .id());
    long[] nanos = new long[calls * 5];
    JsonNode result = steps.result().orElseThrow();
    for (int i = 0; i < nanos.length; i++) {
      nanos[i] = result.get(i).asLong();
    }
    List<Row> rows = new ArrayList<>();
    rows.add(Row.of("journaled step, fsync (in a run)", Latencies.of(nanos)));
    Row tenSteps =
        timer.measureEach(
            "10-step run, start to result",
            () -> {},
            () ->
                host.runs()
                    .await(
                        host.runs()
                            .start("bench-journal", "steps", IntNode.valueOf(10), Optional.empty())
                            .id()));
    rows.add(tenSteps);
    return rows;
  }

  private static void awaitSetup(Host host, String customer) {
    host.cells()
        .find(customer)
        .flatMap(CellInfo::setupRunId)
        .ifPresent(id -> host.runs().await(id));
  }

  private void print(PrintWriter out, List<Row> rows) {
    out.printf(
        "oncell bench: %d calls each after %d warm-up, sandbox %s, %d cores, Java %s%n%n",
        calls, warmup, sandbox, Runtime.getRuntime().availableProcessors(), Runtime.version());
    Table table = Table.of("OPERATION", "CALLS", "P50 MS", "P99 MS", "MEAN MS");
    for (Row row : rows) {
      table.row(
          row.name(),
          String.valueOf(row.calls()),
          String.format("%.2f", row.p50()),
          String.format("%.2f", row.p99()),
          String.format("%.2f", row.mean()));
    }
    table.print(out);
    rows.stream()
        .filter(r -> r.name().startsWith("10-step run"))
        .findFirst()
        .ifPresent(
            r ->
                out.printf(
                    "%n10-step runs per second, one after another: %.0f%n", 1000 / r.mean()));
    out.flush();
  }

  static void deleteTree(Path top) throws IOException {
    try (var paths = Files.walk(top)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
