package dev.oncell.plugins.migration;

import dev.oncell.agent.forge.PullRequest;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * What {@code migrate} did.
 *
 * @param status {@code succeeded} (every step committed or had nothing to change; branch pushed,
 *     pull request open), {@code partial} (some steps committed and pushed, one reverted or
 *     skipped: the pull request says which) or {@code failed} (no step committed; nothing pushed)
 * @param recipe the recipe's id, or {@code model} for a plan of the model's
 * @param branch the branch the steps were committed on
 * @param pullRequest the pull request, when something was pushed
 * @param steps every step, in order
 * @param testsBefore tests counted before the migration
 * @param testsAfter tests counted after the last committed step
 * @param coverageBefore line coverage before, where the project writes a report
 * @param usagesLeft lines in scope that still match the recipe's usages after the migration
 * @param tokens tokens the model spent on edits
 * @param reason why it failed or is partial
 */
public record MigrationResult(
    String status,
    String recipe,
    String branch,
    Optional<PullRequest> pullRequest,
    List<StepResult> steps,
    int testsBefore,
    int testsAfter,
    OptionalDouble coverageBefore,
    int usagesLeft,
    long tokens,
    Optional<String> reason) {

  public static final String SUCCEEDED = "succeeded";
  public static final String PARTIAL = "partial";
  public static final String FAILED = "failed";

  public MigrationResult {
    steps = List.copyOf(steps);
  }
}
