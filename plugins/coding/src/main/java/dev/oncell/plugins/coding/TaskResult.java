package dev.oncell.plugins.coding;

import dev.oncell.agent.forge.PullRequest;
import java.util.List;
import java.util.Optional;

/**
 * What {@code task} did.
 *
 * @param status {@code succeeded} (tests pass, branch pushed, pull request open) or {@code failed}
 * @param branch the branch worked on
 * @param pullRequest the open pull request, when succeeded
 * @param filesChanged the files the model's edits changed, sorted
 * @param testsPassed whether the last test run passed
 * @param rounds how many times the tests ran
 * @param tokens tokens the task's model calls spent: the plan, every edit and correction
 * @param reason why it failed, when it did
 * @param testOutput the end of the last test run's output
 */
public record TaskResult(
    String status,
    String branch,
    Optional<PullRequest> pullRequest,
    List<String> filesChanged,
    boolean testsPassed,
    int rounds,
    long tokens,
    Optional<String> reason,
    String testOutput) {

  public static final String SUCCEEDED = "succeeded";
  public static final String FAILED = "failed";

  public TaskResult {
    filesChanged = List.copyOf(filesChanged);
  }
}
