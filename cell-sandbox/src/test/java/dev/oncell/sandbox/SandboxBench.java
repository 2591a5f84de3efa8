package dev.oncell.sandbox;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * Where a sandbox's time goes, per backend: p50/p99 in milliseconds of opening a new cell's sandbox
 * and running its first command ({@code open+first}: a cell's creation, and a paused cell's wake,
 * since a closed gVisor sandbox starts cold), of one more command ({@code exec true}: the round
 * trip), and of {@code close()}. Needs root, bubblewrap, runsc and tini (see the README).
 *
 * <p>Arguments: {@code [cells] [calls] [backends...]}, default {@code 10 30 gvisor bubblewrap}.
 */
public final class SandboxBench {

  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  private SandboxBench() {}

  public static void main(String[] args) throws IOException {
    int cells = args.length > 0 ? Integer.parseInt(args[0]) : 10;
    int calls = args.length > 1 ? Integer.parseInt(args[1]) : 30;
    List<String> backends =
        args.length > 2 ? List.of(args).subList(2, args.length) : List.of("gvisor", "bubblewrap");
    Path dir = Files.createTempDirectory("oncell-bench-");
    System.out.printf("%-11s %-14s %5s %8s %8s%n", "backend", "step", "n", "p50 ms", "p99 ms");
    for (String name : backends) {
      bench(name, dir.resolve(name), cells, calls);
    }
  }

  private static void bench(String name, Path dir, int cells, int calls) throws IOException {
    SandboxBackend backend = SandboxBackend.byName(name, dir.resolve("runtime"));
    backend.verify();
    List<Double> first = new ArrayList<>();
    List<Double> exec = new ArrayList<>();
    List<Double> close = new ArrayList<>();
    // One warm-up cell (JIT, page cache), not counted.
    for (int c = -1; c < cells; c++) {
      String id = "bench-" + (c + 1);
      SandboxSpec spec = SandboxSpec.of(id, Files.createDirectories(dir.resolve(id + "/work")));
      long t0 = System.nanoTime();
      Sandbox sandbox = backend.open(spec);
      check(sandbox.exec(ExecRequest.of("true", TIMEOUT)));
      long t1 = System.nanoTime();
      for (int i = 0; i < (c < 0 ? 3 : calls); i++) {
        long a = System.nanoTime();
        check(sandbox.exec(ExecRequest.of("true", TIMEOUT)));
        if (c >= 0) {
          exec.add(ms(System.nanoTime() - a));
        }
      }
      long t2 = System.nanoTime();
      sandbox.close();
      long t3 = System.nanoTime();
      // Not timed: the background delete (gVisor) must end before the cell's disk is released.
      backend.release(spec);
      if (c >= 0) {
        first.add(ms(t1 - t0));
        close.add(ms(t3 - t2));
      }
    }
    print(name, "open+first", first);
    print(name, "exec true", exec);
    print(name, "close", close);
  }

  private static void check(ExecResult result) {
    if (result.exitCode() != 0) {
      throw new IllegalStateException("`true` failed in the sandbox: " + result.stderr());
    }
  }

  private static double ms(long nanos) {
    return nanos / 1e6;
  }

  private static void print(String backend, String step, List<Double> values) {
    List<Double> sorted = values.stream().sorted(Comparator.naturalOrder()).toList();
    System.out.printf(
        Locale.ROOT,
        "%-11s %-14s %5d %8.1f %8.1f%n",
        backend,
        step,
        sorted.size(),
        percentile(sorted, 50),
        percentile(sorted, 99));
  }

  private static double percentile(List<Double> sorted, int p) {
    int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
    return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
  }
}
