package dev.oncell.bench;

import com.fasterxml.jackson.databind.node.IntNode;
import dev.oncell.bench.BenchTimer.Row;
import dev.oncell.cli.CliException;
import dev.oncell.cli.Table;
import dev.oncell.client.OncellClient;
import dev.oncell.client.ShellRequest;
import dev.oncell.runtime.Host;
import dev.oncell.runtime.HostConfig;
import dev.oncell.sandbox.SandboxBackend;
import dev.oncell.server.OncellServer;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code oncell bench cells}: what a cell costs per sandbox backend. Wake of a paused cell to its
 * first answer, command round trip, create to first command, and density: many cells created, most
 * paused and a few busy, with the host memory the server and its cells hold. Each backend gets a
 * throw-away server on an ephemeral loopback port; every call goes through HTTP and the Java
 * client.
 */
@Command(
    name = "cells",
    description = {
      "Measure wake, exec and create latency and the density of cells, per sandbox backend.",
      "Starts its own server on a free loopback port with a temporary ONCELL_HOME."
    })
final class CellsBenchCommand implements Callable<Integer> {

  private static final String LOOP =
      "while :; do for i in 1 2 3 4 5 6 7 8 9; do echo $i > beat; done; done";

  @Spec CommandSpec spec;

  @Option(
      names = "--sandbox",
      split = ",",
      defaultValue = "gvisor,bubblewrap",
      description = "Backends to measure, comma-separated (default gvisor,bubblewrap).")
  List<String> backends;

  @Option(names = "--calls", defaultValue = "50", description = "Calls per operation (50).")
  int calls;

  @Option(names = "--warmup", defaultValue = "5", description = "Untimed calls first (5).")
  int warmup;

  @Option(names = "--cells", defaultValue = "50", description = "Cells in the density run (50).")
  int cells;

  @Option(
      names = "--active",
      defaultValue = "5",
      description = "Of those, cells kept busy running a shell loop (5).")
  int active;

  @Override
  public Integer call() throws Exception {
    BenchTimer timer = new BenchTimer(calls, warmup);
    for (String backend : backends) {
      if (!SandboxBackend.names().contains(backend)) {
        throw new CliException(
            "--sandbox: unknown backend '" + backend + "'; choose from " + SandboxBackend.names(),
            "invalid_argument",
            2);
      }
    }
    if (cells < 1 || active < 0 || active > cells) {
      throw new CliException(
          "--cells must be positive and --active between 0 and --cells", "invalid_argument", 2);
    }
    for (String logger : List.of("org.flywaydb", "io.helidon", "org.pf4j", "dev.oncell")) {
      Logger.getLogger(logger).setLevel(Level.WARNING);
    }
    PrintWriter out = spec.commandLine().getOut();
    out.printf(
        "oncell bench cells: %d calls each after %d warm-up, %d cores, Java %s%n%n",
        calls, warmup, Runtime.getRuntime().availableProcessors(), Runtime.version());
    Table latencies = Table.of("OPERATION", "BACKEND", "CALLS", "P50 MS", "P99 MS", "MEAN MS");
    Table density =
        Table.of(
            "BACKEND",
            "CELLS",
            "PAUSED",
            "ACTIVE",
            "SERVER+CELLS RSS MB",
            "HEAP MB",
            "HEAP PER PAUSED CELL KB",
            "PROCESSES OF PAUSED CELLS");
    for (String backend : backends) {
      Path home = Files.createTempDirectory("oncell-bench-cells-");
      try (Host host = Host.open(HostConfig.defaults(home).withSandbox(backend))) {
        String key = "bench-operator-key-" + System.nanoTime();
        host.apiKeys().bootstrapOperatorKey(Optional.of(key));
        try (OncellServer server = OncellServer.builder(host).port(0).build().start();
            OncellClient client = OncellClient.create(URI.create(server.url()), key)) {
          for (Row row : latencies(client, timer)) {
            latencies.row(
                row.name(),
                backend,
                String.valueOf(row.calls()),
                String.format("%.1f", row.p50()),
                String.format("%.1f", row.p99()),
                String.format("%.1f", row.mean()));
          }
          density.row(density(client).cells(backend));
        }
      } finally {
        BenchCommand.deleteTree(home);
      }
    }
    latencies.print(out);
    out.println();
    density.print(out);
    out.flush();
    return 0;
  }

  private static List<Row> latencies(OncellClient client, BenchTimer timer) {
    List<Row> rows = new ArrayList<>();
    int[] created = {0};
    rows.add(
        timer.measure(
            "create cell -> first shell `true`",
            () -> {
              String id = "new-" + created[0]++;
              client.customers().create(id);
              client.shell(id, ShellRequest.of("true"));
            }));
    for (int i = 0; i < created[0]; i++) {
      client.customers().delete("new-" + i);
    }
    client.customers().create("bench");
    client.memory("bench").put("k", IntNode.valueOf(1));
    rows.add(
        timer.measure(
            "shell `true` round trip", () -> client.shell("bench", ShellRequest.of("true"))));
    rows.add(
        timer.measureEach(
            "wake paused cell -> memory get",
            () -> client.customers().pause("bench"),
            () -> client.memory("bench").get("k")));
    rows.add(
        timer.measureEach(
            "wake paused cell -> shell `true`",
            () -> client.customers().pause("bench"),
            () -> client.shell("bench", ShellRequest.of("true"))));
    client.customers().delete("bench");
    return rows;
  }

  /**
   * Creates the cells, runs a command in each (so each has had a sandbox), pauses them, and
   * measures the heap they hold; then keeps {@code active} of them busy and measures the memory of
   * the server and every cell's processes.
   */
  private Density density(OncellClient client) throws InterruptedException {
    // A prefix no other cell on this machine has, to tell this run's processes from others'.
    String prefix = "bench" + Long.toString(System.nanoTime() % 1_000_000_000L, 36) + "-";
    long heapBefore = usedHeapAfterGc();
    for (int i = 0; i < cells; i++) {
      String id = prefix + i;
      client.customers().create(id);
      client.shell(id, ShellRequest.of("echo ready > ready"));
      client.customers().pause(id);
    }
    long heapPaused = usedHeapAfterGc();
    int pausedProcesses = settledCellProcesses(prefix);
    AtomicBoolean stop = new AtomicBoolean();
    List<Thread> busy = new ArrayList<>();
    for (int i = 0; i < active; i++) {
      String id = prefix + i;
      busy.add(
          Thread.ofVirtual()
              .name("bench-busy-" + id)
              .start(
                  () -> {
                    while (!stop.get()) {
                      client.shell(id, ShellRequest.of(LOOP).withTimeout(Duration.ofSeconds(2)));
                    }
                  }));
    }
    long peak = 0;
    for (int sample = 0; sample < 10; sample++) {
      Thread.sleep(500);
      peak = Math.max(peak, ProcessMemory.serverAndCells(prefix).residentBytes());
    }
    stop.set(true);
    for (Thread thread : busy) {
      thread.join();
    }
    return new Density(
        cells,
        active,
        peak,
        usedHeapAfterGc(),
        Math.max(0, heapPaused - heapBefore) / cells,
        pausedProcesses);
  }

  /**
   * Processes of cells once the pauses have settled: a gVisor sandbox is killed at pause and its
   * container deleted on a background thread, which takes a second or two.
   */
  private static int settledCellProcesses(String prefix) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    int count = ProcessMemory.cellProcesses(prefix);
    while (count > 0 && System.nanoTime() < deadline) {
      Thread.sleep(200);
      count = ProcessMemory.cellProcesses(prefix);
    }
    return count;
  }

  private static long usedHeapAfterGc() {
    Runtime runtime = Runtime.getRuntime();
    for (int i = 0; i < 3; i++) {
      System.gc();
    }
    return runtime.totalMemory() - runtime.freeMemory();
  }

  private record Density(
      int cells,
      int active,
      long residentBytes,
      long heapBytes,
      long heapPerPausedCell,
      int pausedProcesses) {

    String[] cells(String backend) {
      return new String[] {
        backend,
        String.valueOf(cells),
        String.valueOf(cells - active),
        String.valueOf(active),
        String.valueOf(residentBytes >> 20),
        String.valueOf(heapBytes >> 20),
        String.format("%.1f", heapPerPausedCell / 1024.0),
        String.valueOf(pausedProcesses)
      };
    }
  }
}
