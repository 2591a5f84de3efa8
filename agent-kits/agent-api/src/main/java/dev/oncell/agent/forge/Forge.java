package dev.oncell.agent.forge;

import java.util.List;
import org.pf4j.ExtensionPoint;

/**
 * A code forge's pull-request API (GitHub, GitLab, Gitea/Forgejo, or one an author adds). An
 * implementation is stateless: everything it needs per call (API base, repository, token, HTTP
 * client, timeout) comes in the {@link ForgeConnection} the host builds. Implementations must be
 * safe to call from several threads and must keep a public no-argument constructor (PF4J creates
 * extensions with it).
 *
 * <p>Every method throws {@link ForgeException} and nothing else: {@code forge_auth_failed} when
 * the token is refused (401), {@code forge_forbidden} when it lacks a permission (403), {@code
 * forge_not_found} for an unknown repository or pull request, {@code forge_rate_limited} and {@code
 * forge_unavailable} (both retryable) once the forge kept answering 429 or 5xx through the
 * implementation's bounded retries, and {@code forge_invalid} for a request the forge refused as
 * invalid (or a bad argument, refused before anything is sent).
 *
 * <p>{@code head} and {@code base} are branch names in the connection's repository (no {@code
 * owner:} prefix, no {@code refs/heads/}).
 */
public interface Forge extends ExtensionPoint {

  /** The forge's kind in lower case, as operators write it: {@code github}, {@code gitlab}. */
  String kind();

  /**
   * Makes sure one open pull request goes from {@code head} into {@code base}, with this title and
   * body, and returns it. An open pull request for {@code head} is looked up first and updated
   * (title, body, base) instead of opening a second one; when the forge answers "already exists" to
   * the creation (a concurrent or earlier attempt whose answer was lost), the existing one is
   * looked up and updated. Calling it again with the same arguments therefore changes nothing and
   * returns the same pull request. {@code draft} applies when the pull request is created; an
   * existing one keeps its draft state.
   */
  PullRequest ensurePullRequest(
      ForgeConnection connection,
      String head,
      String base,
      String title,
      String body,
      boolean draft);

  /**
   * Adds a comment to the conversation of pull request {@code number}; returns the comment's id.
   */
  long comment(ForgeConnection connection, long number, String body);

  /**
   * Replaces the body of conversation comment {@code commentId} of pull request {@code number} (an
   * id {@link #comment} returned). Must be idempotent: the host runs it again after a crash in the
   * middle of one. {@code forge_not_found} when the comment does not exist. The default throws
   * {@code forge_unsupported}, so a forge plugin written before this method keeps loading; the
   * built-in forges implement it.
   */
  default void editComment(ForgeConnection connection, long number, long commentId, String body) {
    throw new ForgeException(
        ForgeException.UNSUPPORTED, "the " + kind() + " forge cannot edit comments");
  }

  /**
   * Adds inline comments to pull request {@code number}, each anchored to a file, a line and a side
   * of the diff as of commit {@code headSha} (the head commit the reviewer looked at). An empty
   * list sends nothing.
   */
  void reviewComments(
      ForgeConnection connection, long number, String headSha, List<ReviewComment> comments);

  /**
   * Submits a review of pull request {@code number} at commit {@code headSha}: GitHub and Gitea
   * {@code POST .../pulls/{n}/reviews} with the event; GitLab approves ({@code .../approve} with
   * the SHA) or withdraws its approval ({@code .../unapprove}, nothing to withdraw is fine) and
   * posts {@code body} as a note. {@code forge_invalid} for a SHA that is not the head or an empty
   * body. The default throws {@code forge_unsupported}, so older forge plugins keep loading.
   */
  default void submitReview(
      ForgeConnection connection, long number, String headSha, ReviewEvent event, String body) {
    throw new ForgeException(
        ForgeException.UNSUPPORTED, "the " + kind() + " forge cannot submit reviews");
  }

  /** The pull requests in {@code state}, newest first, across all the forge's pages. */
  List<PullRequest> listPullRequests(ForgeConnection connection, PullRequest.State state);

  /** The pull requests in {@code state} whose head is branch {@code head}, newest first. */
  List<PullRequest> listPullRequests(
      ForgeConnection connection, PullRequest.State state, String head);

  /** Pull request {@code number}, with its head and base SHAs; {@code forge_not_found} if none. */
  PullRequest getPullRequest(ForgeConnection connection, long number);

  /**
   * The inline comments on pull request {@code number}, oldest first, across all pages: threads'
   * first comments and their replies. A forge that cannot list them keeps this default, which fails
   * with {@code forge_unsupported}.
   */
  default List<InlineComment> listInlineComments(ForgeConnection connection, long number) {
    throw new ForgeException(
        ForgeException.UNSUPPORTED, "the " + kind() + " forge does not list inline comments");
  }

  /**
   * Replies to the thread of inline comment {@code commentId} on pull request {@code number};
   * returns the reply's id. A forge that cannot reply keeps this default, which fails with {@code
   * forge_unsupported}.
   */
  default long replyToInlineComment(
      ForgeConnection connection, long number, long commentId, String body) {
    throw new ForgeException(
        ForgeException.UNSUPPORTED, "the " + kind() + " forge does not reply to inline comments");
  }
}
