package dev.oncell.forge.example;

import dev.oncell.agent.forge.Forge;
import dev.oncell.agent.forge.ForgeConnection;
import dev.oncell.agent.forge.ForgeException;
import dev.oncell.agent.forge.PullRequest;
import dev.oncell.agent.forge.ReviewComment;
import java.util.List;
import org.pf4j.Extension;

/**
 * A forge as an author writes one in a plugin: a public class with a no-argument constructor,
 * annotated {@code @Extension} (pf4j's annotation processor lists it in {@code
 * META-INF/extensions.idx}). This one keeps nothing: it answers from its arguments.
 */
@Extension
public class ExampleForge implements Forge {

  @Override
  public String kind() {
    return "example";
  }

  @Override
  public PullRequest ensurePullRequest(
      ForgeConnection connection,
      String head,
      String base,
      String title,
      String body,
      boolean draft) {
    return new PullRequest(
        1,
        connection.apiBase() + "/" + connection.repo().path() + "/1",
        PullRequest.State.OPEN,
        draft,
        title,
        body,
        head,
        "",
        base,
        "");
  }

  @Override
  public long comment(ForgeConnection connection, long number, String body) {
    return 1;
  }

  @Override
  public void reviewComments(
      ForgeConnection connection, long number, String headSha, List<ReviewComment> comments) {}

  @Override
  public List<PullRequest> listPullRequests(ForgeConnection connection, PullRequest.State state) {
    return List.of();
  }

  @Override
  public List<PullRequest> listPullRequests(
      ForgeConnection connection, PullRequest.State state, String head) {
    return List.of();
  }

  @Override
  public PullRequest getPullRequest(ForgeConnection connection, long number) {
    throw new ForgeException(ForgeException.NOT_FOUND, "the example forge keeps nothing");
  }
}
