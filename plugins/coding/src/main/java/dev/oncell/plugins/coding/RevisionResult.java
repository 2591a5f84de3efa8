package dev.oncell.plugins.coding;

import java.util.List;
import java.util.Optional;

/**
 * What {@code revise} did.
 *
 * @param status {@code succeeded} (tests pass, the pull request's branch pushed, threads answered)
 *     or {@code failed}
 * @param branch the pull request's branch
 * @param pullRequest the pull request's number (always the one asked for: never a second one)
 * @param addressed the ids of the review comments whose threads were answered, in order
 * @param filesChanged the files the model's edits changed, sorted
 * @param testsPassed whether the last test run passed
 * @param rounds how many times the tests ran
 * @param tokens tokens spent on the model's edits
 * @param commit the pushed commit, when succeeded
 * @param reason why it failed, when it did
 * @param testOutput the end of the last test run's output
 */
public record RevisionResult(
    String status,
    String branch,
    long pullRequest,
    List<Long> addressed,
    List<String> filesChanged,
    boolean testsPassed,
    int rounds,
    long tokens,
    Optional<String> commit,
    Optional<String> reason,
    String testOutput) {

  public RevisionResult {
    addressed = List.copyOf(addressed);
    filesChanged = List.copyOf(filesChanged);
  }
}
