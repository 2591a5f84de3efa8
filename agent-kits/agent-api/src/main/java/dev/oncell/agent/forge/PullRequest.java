package dev.oncell.agent.forge;

import java.util.Objects;

/**
 * A pull request (GitLab: merge request) as the forge reported it.
 *
 * @param number the number people write after {@code #} (GitLab's {@code iid}, after {@code !})
 * @param url the page people open in a browser
 * @param state open, closed or merged
 * @param draft whether it is marked as a draft (work in progress)
 * @param headRef the branch the changes come from
 * @param headSha the commit at the head of {@code headRef}
 * @param baseRef the branch the changes go into
 * @param baseSha the commit of {@code baseRef} the pull request is compared with; may be empty when
 *     a forge's listing omits it ({@link Forge#getPullRequest} always fills it)
 */
public record PullRequest(
    long number,
    String url,
    State state,
    boolean draft,
    String title,
    String body,
    String headRef,
    String headSha,
    String baseRef,
    String baseSha) {

  /** A pull request's state; as a listing filter, {@link #ALL} matches every state. */
  public enum State {
    OPEN,
    /** Closed without merging; as a listing filter, closed or merged. */
    CLOSED,
    MERGED,
    /** Only as a listing filter. */
    ALL
  }

  public PullRequest {
    Objects.requireNonNull(url, "url");
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(body, "body");
    Objects.requireNonNull(headRef, "headRef");
    Objects.requireNonNull(headSha, "headSha");
    Objects.requireNonNull(baseRef, "baseRef");
    Objects.requireNonNull(baseSha, "baseSha");
    if (state == State.ALL) {
      throw new IllegalArgumentException("a pull request is open, closed or merged, not ALL");
    }
  }
}
