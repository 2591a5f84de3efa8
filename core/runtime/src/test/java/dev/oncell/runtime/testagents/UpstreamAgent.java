package dev.oncell.runtime.testagents;

import com.fasterxml.jackson.databind.JsonNode;
import dev.oncell.agent.Agent;
import dev.oncell.agent.AgentMethod;
import dev.oncell.agent.CellSpec;
import dev.oncell.agent.Context;
import dev.oncell.agent.Failure;
import dev.oncell.agent.git.CloneOptions;
import dev.oncell.agent.git.CloneResult;
import dev.oncell.agent.git.FetchResult;
import dev.oncell.agent.git.Git;
import dev.oncell.agent.git.PushOptions;
import dev.oncell.agent.git.PushResult;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.pf4j.Extension;

/**
 * A test agent, named {@code upstream}, that works with a remote repository on loopback: its setup
 * clones the customer's {@code config.repoUrl} (and {@code config.branch}) as the README's quick
 * start does, and its methods change a file on the run's branch and push it.
 */
@Extension
public class UpstreamAgent extends Agent {

  @Override
  public CellSpec spec() {
    return CellSpec.defaults().withNetwork(CellSpec.Network.allow("127.0.0.1"));
  }

  @Override
  public void setup(Context ctx) {
    JsonNode config = ctx.config();
    if (config.path("repoUrl").isTextual()) {
      CloneOptions options = CloneOptions.defaults();
      if (config.path("branch").isTextual()) {
        options = options.withBranch(config.path("branch").asText());
      }
      ctx.git().clone(config.path("repoUrl").asText(), options);
    }
  }

  public record CloneIn(String url, String branch, int depth, String into) {}

  public CloneResult cloneRepo(Context ctx, CloneIn in) {
    CloneOptions options = CloneOptions.defaults();
    if (in.branch() != null) {
      options = options.withBranch(in.branch());
    }
    if (in.depth() > 0) {
      options = options.withDepth(in.depth());
    }
    if (in.into() != null) {
      options = options.withInto(in.into());
    }
    return ctx.git().clone(in.url(), options);
  }

  public record Change(String file, String text, String message, String gate) {}

  public record Pushed(String branch, String commit, PushResult push) {}

  /**
   * Writes a file on the run's branch, commits and pushes it. With a gate, waits (outside any step)
   * for the gate file before pushing, so a test can kill the host there.
   */
  @AgentMethod(timeout = "PT120S")
  public Pushed change(Context ctx, Change change) throws InterruptedException {
    Git git = ctx.git();
    String branch = git.runBranch();
    git.createBranch(branch);
    ctx.store().write(change.file(), change.text().getBytes(StandardCharsets.UTF_8));
    git.addAll();
    String commit = git.commit(change.message());
    if (change.gate() != null) {
      while (!Files.exists(Path.of(change.gate()))) {
        Thread.sleep(10);
      }
    }
    return new Pushed(branch, commit, git.push("origin", branch));
  }

  public record FetchIn(List<String> refspecs, String show) {}

  public record Fetched(FetchResult result, String shown) {}

  /** Fetches, then shows a file at a revision ({@code rev:path}) with the cell's own git. */
  public Fetched fetch(Context ctx, FetchIn in) {
    FetchResult result = ctx.git().fetch("origin", in.refspecs());
    String shown = in.show() == null ? "" : ctx.shell("git show " + in.show()).stdout();
    return new Fetched(result, shown);
  }

  public record Op(String op, String arg, String arg2) {}

  public record Outcome(String code, String message) {}

  /** Runs one remote operation and reports its error code, for the bad-input tests. */
  public Outcome probe(Context ctx, Op op) {
    try {
      switch (op.op()) {
        case "clone" -> ctx.git().clone(op.arg(), CloneOptions.defaults().withInto(op.arg2()));
        case "push" -> ctx.git().push("origin", op.arg());
        case "forcePush" ->
            ctx.git()
                .push("origin", op.arg(), PushOptions.defaults().withForceWithLease(op.arg2()));
        case "fetch" -> ctx.git().fetch("origin", List.of(op.arg()));
        default -> throw new IllegalArgumentException(op.op());
      }
      return new Outcome("", "");
    } catch (RuntimeException e) {
      return new Outcome(
          e instanceof Failure f ? f.code() : e.getClass().getSimpleName(), e.getMessage());
    }
  }
}
