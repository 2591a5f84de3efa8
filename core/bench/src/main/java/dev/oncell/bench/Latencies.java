package dev.oncell.bench;

import java.util.Arrays;

/** Percentiles of measured durations, in milliseconds, for the bench commands' tables. */
record Latencies(int count, double p50, double p99, double mean) {

  /** Summarizes {@code nanos}; sorts it in place. */
  static Latencies of(long[] nanos) {
    Arrays.sort(nanos);
    return new Latencies(
        nanos.length,
        percentile(nanos, 50),
        percentile(nanos, 99),
        Arrays.stream(nanos).average().orElse(0) / 1e6);
  }

  private static double percentile(long[] sorted, int p) {
    if (sorted.length == 0) {
      return 0;
    }
    int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, index))] / 1e6;
  }
}
