package dev.oncell.plugins.review;

import java.util.List;

/**
 * What a review did.
 *
 * @param pullRequest the pull request's number
 * @param head the commit reviewed
 * @param since the commit the reviewed changes start from: the merge base with the base branch on a
 *     first review, the head reviewed last on a later one
 * @param incremental whether only the changes since the last review were looked at
 * @param verdict approved unless an open finding reaches the rules' {@code blockOn}
 * @param comments the findings posted inline, in diff order
 * @param outsideDiff the findings that went to the summary
 * @param duplicates findings the model repeated from an earlier review, not posted again
 * @param dropped findings filtered by the rules or pointing at no file
 * @param resolved findings of earlier reviews fixed by now ({@code `file:line` title}): their line
 *     no longer exists at head
 * @param summaryComment the id of the pull request's summary comment, posted by the first review
 *     and edited by the later ones
 * @param verdictSubmitted whether the forge took the verdict as a review (approve or request
 *     changes); false when it refused, and the verdict is in the summary only
 * @param tokens tokens the review's model call spent, corrections of a malformed answer included (0
 *     when no file was in scope and the model was not asked)
 */
public record ReviewResult(
    long pullRequest,
    String head,
    String since,
    boolean incremental,
    Verdict verdict,
    List<Finding> comments,
    List<Finding> outsideDiff,
    int duplicates,
    int dropped,
    List<String> resolved,
    long summaryComment,
    boolean verdictSubmitted,
    long tokens) {

  public ReviewResult {
    comments = List.copyOf(comments);
    outsideDiff = List.copyOf(outsideDiff);
    resolved = List.copyOf(resolved);
  }
}
