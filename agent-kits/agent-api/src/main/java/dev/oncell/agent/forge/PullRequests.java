package dev.oncell.agent.forge;

import java.util.List;

/**
 * Pull requests (GitLab: merge requests) of one repository, as an agent sees them through {@code
 * ctx.pullRequests()}: the host picks the forge, holds the customer's token and sends every request
 * through the cell's egress allow-list, so the token never reaches the agent or the cell.
 *
 * <p>Each call is one journaled step of the run. {@link #ensure} is an effect outside the cell: a
 * run resumed after a crash in the middle of one looks the pull request up instead of opening a
 * second. {@link #editComment} is idempotent and simply runs again. {@link #comment}, {@link
 * #reviewComments}, {@link #reply} and {@link #submitReview} are at-least-once: after a crash in
 * the middle of one, a resumed run posts it again (the forges offer no cheap way to tell whether it
 * arrived). {@link #list}, {@link #get} and {@link #inlineComments} are read-only; a resumed run
 * returns what they answered the first time.
 *
 * <p>Failures carry a stable code: {@code forge_auth_failed}, {@code forge_forbidden}, {@code
 * forge_not_found}, {@code forge_rate_limited}, {@code forge_unavailable}, {@code forge_invalid}
 * (see {@link ForgeException}); {@code git_credential_missing} when the customer has no credential
 * for the repository's host; {@code forge_unknown} when the host cannot tell which forge serves the
 * repository (set {@code forge.kind} and {@code forge.apiBase} in the customer's config); {@code
 * egress_refused} or {@code egress_blocked} when the cell's allow-list does not reach the forge's
 * API.
 */
public interface PullRequests {

  /**
   * Makes sure one open pull request goes from branch {@code head} into {@code base} with this
   * title and body, and returns it: an open one for {@code head} is updated, otherwise one is
   * opened. Calling it again (in this run or a later one) returns the same pull request. {@code
   * draft} applies only when it is opened.
   */
  PullRequest ensure(String head, String base, String title, String body, boolean draft);

  /** Adds a comment to the conversation of pull request {@code number}; returns its id. */
  long comment(long number, String body);

  /**
   * Replaces the body of conversation comment {@code commentId} (an id {@link #comment} returned)
   * on pull request {@code number}: a summary that a later run keeps up to date instead of posting
   * another. Idempotent (the comment ends with {@code body} however often it runs), so a run
   * resumed after a crash in the middle of one simply edits again. {@code forge_not_found} when the
   * comment is gone (deleted by someone); {@code forge_unsupported} when the forge's implementation
   * cannot edit comments.
   */
  void editComment(long number, long commentId, String body);

  /**
   * Adds inline comments to pull request {@code number}, each anchored to a file, a line and a side
   * of the diff at commit {@code headSha} (usually {@link PullRequest#headSha()} of {@link #get}).
   */
  void reviewComments(long number, String headSha, List<ReviewComment> comments);

  /**
   * Submits a review of pull request {@code number} at commit {@code headSha} with a verdict and a
   * message (required: GitHub refuses a request for changes without one). At-least-once, like
   * {@link #comment}. A forge may refuse it: GitHub answers {@code forge_invalid} to an approval of
   * one's own pull request; {@code forge_unsupported} when the forge's implementation has no
   * reviews.
   */
  void submitReview(long number, String headSha, ReviewEvent event, String body);

  /** The pull requests in {@code state}, newest first. */
  List<PullRequest> list(PullRequest.State state);

  /** The pull requests in {@code state} whose head is branch {@code head}, newest first. */
  List<PullRequest> list(PullRequest.State state, String head);

  /** Pull request {@code number}, with its head and base commits. */
  PullRequest get(long number);

  /**
   * The inline comments on pull request {@code number}, oldest first: what reviewers said on its
   * lines, and the replies. Read-only: a resumed run returns what it answered the first time.
   */
  List<InlineComment> inlineComments(long number);

  /**
   * Replies to the thread of inline comment {@code commentId} on pull request {@code number};
   * returns the reply's id. At-least-once, like {@link #comment}.
   */
  long reply(long number, long commentId, String body);
}
