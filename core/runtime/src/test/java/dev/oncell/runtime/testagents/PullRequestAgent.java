package dev.oncell.runtime.testagents;

import com.fasterxml.jackson.databind.JsonNode;
import dev.oncell.agent.Agent;
import dev.oncell.agent.AgentMethod;
import dev.oncell.agent.CellSpec;
import dev.oncell.agent.Context;
import dev.oncell.agent.LlmResponse;
import dev.oncell.agent.forge.PullRequest;
import dev.oncell.agent.git.Git;
import dev.oncell.agent.git.PushResult;
import java.nio.charset.StandardCharsets;
import org.pf4j.Extension;

/**
 * A test agent, named {@code pull-request}, that ends its work the way a coding agent does: a
 * commit on the run's branch, a push, and a pull request. Its cells may reach 127.0.0.1 and nothing
 * else.
 *
 * <p>Config: {@code repoUrl} (cloned by the setup) and {@code forge} ({@code kind}, {@code
 * apiBase}) for {@code ctx.pullRequests()}.
 */
@Extension
public class PullRequestAgent extends Agent {

  @Override
  public CellSpec spec() {
    return CellSpec.defaults().withNetwork(CellSpec.Network.allow("127.0.0.1"));
  }

  @Override
  public void setup(Context ctx) {
    ctx.git().clone(ctx.config().path("repoUrl").asText());
  }

  /** A change to deliver: one file, a commit message, and the pull request's base and title. */
  public record Change(String file, String text, String message, String base, String title) {}

  /** What {@link #deliver} did. */
  public record Delivered(String branch, String commit, PushResult push, PullRequest pullRequest) {}

  /** Commits the change on the run's branch, pushes the branch and ensures its pull request. */
  @AgentMethod(timeout = "PT3M")
  public Delivered deliver(Context ctx, Change change) {
    Git git = ctx.git();
    String branch = git.runBranch();
    git.createBranch(branch);
    ctx.store().write(change.file(), change.text().getBytes(StandardCharsets.UTF_8));
    git.addAll();
    String commit = git.commit(change.message());
    PushResult push = git.push("origin", branch);
    PullRequest pr =
        ctx.pullRequests().ensure(branch, change.base(), change.title(), change.message(), false);
    return new Delivered(branch, commit, push, pr);
  }

  /** What {@link #deliverAndAsk} did: the delivery and the model's answer. */
  public record Asked(Delivered delivered, String answer) {}

  /**
   * {@link #deliver}, then asks the model about everything the run saw, so that anything that
   * carried a credential would reach the model's request: the delivery's results, the cell's git
   * configuration and remotes, and its environment.
   */
  @AgentMethod(timeout = "PT3M")
  public Asked deliverAndAsk(Context ctx, Change change) {
    Delivered delivered = deliver(ctx, change);
    String seen =
        ctx.shell(
                "git config --list --show-origin; git remote -v; cat .git/config; env;"
                    + " git log --format=%H%n%an%n%B -3")
            .stdout();
    JsonNode asJson = ctx.config();
    LlmResponse answer =
        ctx.llm(
            "Summarize this delivery for the pull request's reviewers.\n"
                + delivered
                + "\nconfig: "
                + asJson
                + "\n"
                + seen);
    return new Asked(delivered, answer.text());
  }
}
