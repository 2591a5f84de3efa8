package dev.oncell.plugins.coding;

/**
 * What {@code revise} is asked to do: change an open pull request's branch as its reviewers asked.
 *
 * @param pullRequest the pull request's number
 * @param feedback what to change, in words; null to take the review comments on the pull request
 *     that were not addressed yet
 */
public record Revision(long pullRequest, String feedback) {

  /** Refuses an input that cannot be worked on, before anything is changed. */
  void check() {
    if (pullRequest < 1) {
      throw new IllegalArgumentException(
          "revise needs pullRequest, the number of the pull request to change (from 1)");
    }
    if (feedback != null && feedback.isBlank()) {
      throw new IllegalArgumentException(
          "feedback must not be blank: leave it out to take the pull request's review comments");
    }
  }
}
