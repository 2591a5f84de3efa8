package dev.oncell.examples.pr;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.oncell.agent.Agent;
import dev.oncell.agent.CellSpec;
import dev.oncell.agent.Context;
import dev.oncell.agent.Failure;
import dev.oncell.agent.forge.PullRequest;
import dev.oncell.agent.git.CloneOptions;
import dev.oncell.agent.git.CloneResult;
import dev.oncell.agent.git.Git;
import dev.oncell.agent.git.GitCodes;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.pf4j.Extension;

/**
 * Changes a file of the customer's repository through a pull request. {@code setup} clones the
 * customer's {@code config.repoUrl} (at {@code config.branch}, else the remote's default branch)
 * into {@code /work} and indexes it; {@code fix} writes one file on a branch, commits, pushes and
 * makes sure one open pull request goes from that branch into the cloned branch.
 *
 * <p>Which branch: {@link Fix#branch()} if given, else the run's own branch ({@link
 * Git#runBranch()}, {@code oncell/pr-agent/<run>}). Calling {@code fix} again with the same {@code
 * branch} adds a commit to that branch (none if the file already has the text) and updates the same
 * pull request; without {@code branch} every run opens its own.
 *
 * <p>The cell reaches only 127.0.0.1 (the README's local forge). For GitHub, allow {@code
 * github.com} and {@code api.github.com} in {@link #spec()} instead.
 */
@Extension
public class PrAgent extends Agent {

  /** Memory key of the branch the repository was cloned at: the pull requests' base. */
  static final String BASE = "base";

  /**
   * What to change.
   *
   * @param file the file's path in the repository (created if missing, folders too)
   * @param text its whole new content
   * @param title the commit message's first line and the pull request's title
   * @param branch the branch to work on; null for the run's own branch
   */
  public record Fix(String file, String text, String title, String branch) {}

  /**
   * What {@code fix} did.
   *
   * @param branch the branch pushed
   * @param commit the branch's commit, as pushed
   * @param changed whether this run made a commit (false: the file already had the text)
   * @param pullRequest the open pull request from {@code branch}
   */
  public record Fixed(String branch, String commit, boolean changed, PullRequest pullRequest) {}

  @Override
  public String name() {
    return "pr-agent";
  }

  @Override
  public CellSpec spec() {
    return CellSpec.defaults().withNetwork(CellSpec.Network.allow("127.0.0.1"));
  }

  @Override
  public void setup(Context ctx) {
    JsonNode config = ctx.config();
    if (!config.path("repoUrl").isTextual()) {
      throw new IllegalArgumentException(
          "pr-agent needs the customer's config.repoUrl, the repository to work on"
              + " ({\"repoUrl\": \"https://host/owner/name.git\", \"branch\"?: \"main\"})");
    }
    CloneOptions options = CloneOptions.defaults();
    if (config.path("branch").isTextual()) {
      options = options.withBranch(config.path("branch").asText());
    }
    CloneResult cloned = ctx.git().clone(config.path("repoUrl").asText(), options);
    ctx.memory().set(BASE, TextNode.valueOf(cloned.branch()));
    ctx.stream("cloned", Map.of("branch", cloned.branch(), "head", cloned.head()));
    ctx.index("/work");
  }

  public Fixed fix(Context ctx, Fix in) {
    check(in);
    Git git = ctx.git();
    String base = ctx.memory().get(BASE).map(JsonNode::asText).orElseThrow(PrAgent::notSetUp);
    String branch = in.branch() == null ? git.runBranch() : in.branch();
    ctx.stream("progress", Map.of("step", "branch", "branch", branch));
    switchTo(git, branch, base);

    ctx.store().write(in.file(), in.text().getBytes(StandardCharsets.UTF_8));
    boolean changed = !git.status().clean();
    String commit;
    if (changed) {
      git.add(List.of(in.file()));
      commit = git.commit(in.title());
      ctx.stream("progress", Map.of("step", "commit", "commit", commit));
    } else {
      commit = git.head();
      ctx.stream("progress", Map.of("step", "commit", "unchanged", in.file()));
    }

    git.push("origin", branch);
    ctx.stream("progress", Map.of("step", "push", "branch", branch, "commit", commit));

    PullRequest pr =
        ctx.pullRequests().ensure(branch, base, in.title(), body(ctx, in, commit), false);
    ctx.stream("progress", Map.of("step", "pullRequest", "number", pr.number(), "url", pr.url()));
    return new Fixed(branch, commit, changed, pr);
  }

  /** Checks out {@code branch}, creating it from {@code base} the first time. */
  private static void switchTo(Git git, String branch, String base) {
    if (git.currentBranch().equals(Optional.of(branch))) {
      return;
    }
    try {
      git.createBranch(branch, Optional.of(base));
    } catch (RuntimeException e) {
      if (!(e instanceof Failure f) || !f.code().equals(GitCodes.BRANCH_EXISTS)) {
        throw e;
      }
      git.checkout(branch);
    }
  }

  private static String body(Context ctx, Fix in, String commit) {
    return """
        Sets `%s` to the text given to oncell's pr-agent (%s).

        Latest commit: %s, from run %s of customer %s.
        """
        .formatted(in.file(), in.text().lines().count(), commit, ctx.runId(), ctx.customerId());
  }

  private static String lines(long count) {
    return count == 1 ? "1 line" : count + " lines";
  }

  private static void check(Fix in) {
    if (in.file() == null || in.file().isBlank()) {
      throw new IllegalArgumentException("fix needs a file: the path of the file to change");
    }
    if (in.text() == null) {
      throw new IllegalArgumentException("fix needs a text: the file's new content");
    }
    if (in.title() == null || in.title().isBlank()) {
      throw new IllegalArgumentException(
          "fix needs a title: the commit's and pull request's title");
    }
    if (in.branch() != null && in.branch().isBlank()) {
      throw new IllegalArgumentException(
          "branch must not be blank: leave it out for the run's own");
    }
  }

  private static IllegalStateException notSetUp() {
    return new IllegalStateException(
        "this customer's repository was not cloned: create it with config.repoUrl");
  }
}
