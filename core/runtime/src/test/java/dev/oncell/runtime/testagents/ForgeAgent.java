package dev.oncell.runtime.testagents;

import dev.oncell.agent.Agent;
import dev.oncell.agent.CellSpec;
import dev.oncell.agent.Context;
import dev.oncell.agent.forge.PullRequest;
import dev.oncell.agent.forge.PullRequests;
import dev.oncell.agent.forge.ReviewComment;
import dev.oncell.agent.forge.ReviewEvent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.pf4j.Extension;

/**
 * An agent, named {@code forge}, that opens and reviews pull requests through {@code
 * ctx.pullRequests()}; its cells may reach 127.0.0.1 (where the forge stand-ins listen) and nothing
 * else.
 */
@Extension
public class ForgeAgent extends Agent {

  @Override
  public CellSpec spec() {
    return CellSpec.defaults().withNetwork(CellSpec.Network.allow("127.0.0.1"));
  }

  /** A pull request to ensure; {@code repoUrl} empty means the customer's repository. */
  public record Open(String repoUrl, String head, String base, String title, String body) {
    PullRequests of(Context ctx) {
      return repoUrl == null || repoUrl.isEmpty() ? ctx.pullRequests() : ctx.pullRequests(repoUrl);
    }
  }

  /** What {@link #review} did. */
  public record Review(long number, long commentId, int open, String headSha, String url) {}

  public PullRequest open(Context ctx, Open o) {
    return o.of(ctx).ensure(o.head(), o.base(), o.title(), o.body(), false);
  }

  /**
   * Ensures the pull request, comments on it, adds an inline comment, lists and reads it. Its
   * journal is recorded ({@code v2-forge-review.journal}): keep its calls as they are.
   */
  public Review review(Context ctx, Open o) {
    PullRequests prs = o.of(ctx);
    PullRequest pr = prs.ensure(o.head(), o.base(), o.title(), o.body(), false);
    long comment = prs.comment(pr.number(), "Ready for review.");
    prs.reviewComments(
        pr.number(),
        pr.headSha(),
        List.of(new ReviewComment("src/App.java", 3, ReviewComment.Side.RIGHT, "Rename this.")));
    int open = prs.list(PullRequest.State.OPEN, o.head()).size();
    PullRequest read = prs.get(pr.number());
    return new Review(pr.number(), comment, open, read.headSha(), read.url());
  }

  /** {@link #review}, and also edits its comment and approves: every call a reviewer makes. */
  public Review reviewAndApprove(Context ctx, Open o) {
    PullRequests prs = o.of(ctx);
    PullRequest pr = prs.ensure(o.head(), o.base(), o.title(), o.body(), false);
    long comment = prs.comment(pr.number(), "Ready for review.");
    prs.editComment(pr.number(), comment, "Ready for review (edited).");
    prs.reviewComments(
        pr.number(),
        pr.headSha(),
        List.of(new ReviewComment("src/App.java", 3, ReviewComment.Side.RIGHT, "Rename this.")));
    prs.submitReview(pr.number(), pr.headSha(), ReviewEvent.APPROVE, "Looks good.");
    int open = prs.list(PullRequest.State.OPEN, o.head()).size();
    PullRequest read = prs.get(pr.number());
    return new Review(pr.number(), comment, open, read.headSha(), read.url());
  }

  public record Gated(Open open, String gate) {}

  /**
   * {@link #review}, then waits outside any step for the gate (a file on the host) to exist, so a
   * test can restart the host after the forge calls and before the end of the run.
   */
  public Review reviewThenWait(Context ctx, Gated gated) throws InterruptedException {
    Review review = reviewAndApprove(ctx, gated.open());
    while (!Files.exists(Path.of(gated.gate()))) {
      Thread.sleep(10);
    }
    return review;
  }
}
