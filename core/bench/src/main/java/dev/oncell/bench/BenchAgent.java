package dev.oncell.bench;

import dev.oncell.agent.Agent;
import dev.oncell.agent.Context;

/**
 * The agent {@code oncell bench} deploys to measure the durable journal: steps that do nothing but
 * be journaled (fsync on).
 */
public class BenchAgent extends Agent {

  @Override
  public String name() {
    return "bench";
  }

  /** Runs {@code n} empty steps; returns how long each took, in nanoseconds. */
  public long[] steps(Context ctx, int n) {
    long[] nanos = new long[n];
    for (int i = 0; i < n; i++) {
      int step = i;
      long start = System.nanoTime();
      ctx.step("s" + i, Integer.class, () -> step);
      nanos[i] = System.nanoTime() - start;
    }
    return nanos;
  }
}
