package dev.oncell.bench;

import dev.oncell.cli.CliException;

/** Times operations for the bench commands: untimed warm-up calls first, then timed ones. */
record BenchTimer(int calls, int warmup) {

  BenchTimer {
    if (calls < 1 || warmup < 0) {
      throw new CliException(
          "--calls must be positive and --warmup not negative", "invalid_argument", 2);
    }
  }

  /** One line of a bench table. */
  record Row(String name, int calls, double p50, double p99, double mean) {
    static Row of(String name, Latencies l) {
      return new Row(name, l.count(), l.p50(), l.p99(), l.mean());
    }
  }

  Row measure(String name, Runnable op) {
    return measureEach(name, () -> {}, op);
  }

  /** Times {@code op} only; {@code before} runs untimed ahead of each call. */
  Row measureEach(String name, Runnable before, Runnable op) {
    for (int i = 0; i < warmup; i++) {
      before.run();
      op.run();
    }
    long[] nanos = new long[calls];
    for (int i = 0; i < calls; i++) {
      before.run();
      long start = System.nanoTime();
      op.run();
      nanos[i] = System.nanoTime() - start;
    }
    return Row.of(name, Latencies.of(nanos));
  }
}
