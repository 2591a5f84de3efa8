package dev.oncell.runtime.testagents;

import dev.oncell.agent.forge.Forge;
import dev.oncell.agent.forge.ForgeConnection;
import dev.oncell.agent.forge.PullRequest;
import dev.oncell.agent.forge.ReviewComment;
import java.util.List;
import org.pf4j.Extension;

/**
 * A forge of kind {@code static} that an agent's plugin ships as a PF4J extension: it answers from
 * its arguments without sending anything, and says in each answer which API base and repository the
 * host gave it.
 */
@Extension
public class StaticForge implements Forge {

  @Override
  public String kind() {
    return "static";
  }

  private static PullRequest pr(ForgeConnection c, long number, String head, String title) {
    return new PullRequest(
        number,
        c.apiBase() + "/" + c.repo().path() + "/pr/" + number,
        PullRequest.State.OPEN,
        false,
        title,
        "",
        head,
        "static-head",
        "main",
        "static-base");
  }

  @Override
  public PullRequest ensurePullRequest(
      ForgeConnection c, String head, String base, String title, String body, boolean draft) {
    return pr(c, 7, head, title);
  }

  @Override
  public long comment(ForgeConnection c, long number, String body) {
    return 70;
  }

  @Override
  public void reviewComments(
      ForgeConnection c, long number, String headSha, List<ReviewComment> comments) {}

  @Override
  public List<PullRequest> listPullRequests(ForgeConnection c, PullRequest.State state) {
    return List.of(pr(c, 7, "static", "listed"));
  }

  @Override
  public List<PullRequest> listPullRequests(
      ForgeConnection c, PullRequest.State state, String head) {
    return List.of(pr(c, 7, head, "listed"));
  }

  @Override
  public PullRequest getPullRequest(ForgeConnection c, long number) {
    return pr(c, number, "static", "got");
  }
}
