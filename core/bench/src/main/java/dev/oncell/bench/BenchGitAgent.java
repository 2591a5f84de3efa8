package dev.oncell.bench;

import dev.oncell.agent.Agent;
import dev.oncell.agent.AgentMethod;
import dev.oncell.agent.CellSpec;
import dev.oncell.agent.Context;
import dev.oncell.agent.git.CloneOptions;
import dev.oncell.agent.git.Git;
import java.util.List;
import java.util.function.Supplier;

/**
 * The agent {@code oncell bench git} deploys to time git through a real cell: {@code ctx.git()}'s
 * clone, commit and push and {@code ctx.pullRequests().ensure}, each one or more journaled steps,
 * timed around the calls inside the run; and the journal's own cost per step. Its cells reach
 * 127.0.0.1 only, where the bench's git server and forge stand-in listen.
 */
public class BenchGitAgent extends Agent {

  @Override
  public String name() {
    return "bench-git";
  }

  @Override
  public CellSpec spec() {
    return CellSpec.defaults().withNetwork(CellSpec.Network.allow("127.0.0.1"));
  }

  /** Clones {@code url} into {@code /work}; returns how long {@code ctx.git().clone} took. */
  @AgentMethod(timeout = "PT30M")
  public long cloneRepo(Context ctx, String url) {
    long start = System.nanoTime();
    ctx.git().clone(url, CloneOptions.defaults());
    return System.nanoTime() - start;
  }

  /** One round of {@link #change}: the branch to push and the files to change. */
  public record Round(String branch, List<String> paths) {}

  /** Nanoseconds each part of a round took. */
  public record Timings(long commit, long push, long ensure, long ensureAgain) {}

  /**
   * Changes the round's files on a new branch from {@code main} (untimed), then times {@code
   * addAll} + {@code commit}, {@code push}, and {@code ensure} of its pull request twice (the
   * second finds the first).
   */
  @AgentMethod(timeout = "PT30M")
  public Timings change(Context ctx, Round round) {
    Git git = ctx.git();
    git.checkout("main");
    git.createBranch(round.branch());
    StringBuilder script = new StringBuilder("set -e\n");
    for (String path : round.paths()) {
      script.append("echo '// bench round' >> '").append(path).append("'\n");
    }
    ctx.shell(script.toString());
    long t0 = System.nanoTime();
    git.addAll();
    git.commit("Bench: change " + round.paths().size() + " files");
    long t1 = System.nanoTime();
    git.push("origin", round.branch());
    long t2 = System.nanoTime();
    ctx.pullRequests().ensure(round.branch(), "main", "Bench " + round.branch(), "bench", false);
    long t3 = System.nanoTime();
    ctx.pullRequests().ensure(round.branch(), "main", "Bench " + round.branch(), "bench", false);
    long t4 = System.nanoTime();
    return new Timings(t1 - t0, t2 - t1, t3 - t2, t4 - t3);
  }

  /** Per-step nanoseconds of {@code n} no-op journaled steps, then of the same work bare. */
  public record Steps(long[] journaled, long[] bare) {}

  /**
   * Runs {@code n} journaled steps that do nothing (each journaled and synced before it returns),
   * then the same suppliers {@code n} times without the journal: the difference is what the choke
   * point and the journal cost a step.
   */
  @AgentMethod(timeout = "PT30M")
  public Steps steps(Context ctx, int n) {
    long[] journaled = new long[n];
    long[] bare = new long[n];
    for (int i = 0; i < n; i++) {
      int step = i;
      long start = System.nanoTime();
      ctx.step("s" + i, Integer.class, () -> step);
      journaled[i] = System.nanoTime() - start;
    }
    int sink = 0;
    for (int i = 0; i < n; i++) {
      int step = i;
      Supplier<Integer> work = () -> step;
      long start = System.nanoTime();
      sink += work.get();
      bare[i] = System.nanoTime() - start;
    }
    if (sink < 0) {
      throw new IllegalStateException("unreachable");
    }
    return new Steps(journaled, bare);
  }
}
