package dev.oncell.plugins.migration;

import java.util.List;
import java.util.Optional;

/**
 * What one step of a migration did: a row of the pull request's table.
 *
 * @param index the step's number, from 1
 * @param name what the step does
 * @param source {@code rules} (a recipe's deterministic rules) or {@code model}
 * @param status {@code committed} (passed its gates: one commit), {@code unchanged} (nothing in
 *     scope to change), {@code reverted} (failed its gates: undone), {@code skipped} (a model step
 *     with work to do while the model is not allowed) or {@code not-run} (after a reverted step)
 * @param files the files it changed, sorted (a skipped step: those it would have changed)
 * @param skippedFiles files left alone, with why ({@code path: too large})
 * @param testsBefore tests counted before the step
 * @param testsAfter tests counted after it; -1 when the gates did not run
 * @param fixRounds how many times the model fixed the step after its gates failed
 * @param commit the step's commit, when committed
 * @param reason why it was reverted or skipped
 * @param millis how long the step took, from the journaled clock
 */
public record StepResult(
    int index,
    String name,
    String source,
    String status,
    List<String> files,
    List<String> skippedFiles,
    int testsBefore,
    int testsAfter,
    int fixRounds,
    Optional<String> commit,
    Optional<String> reason,
    long millis) {

  public static final String COMMITTED = "committed";
  public static final String UNCHANGED = "unchanged";
  public static final String REVERTED = "reverted";
  public static final String SKIPPED = "skipped";
  public static final String NOT_RUN = "not-run";

  public StepResult {
    files = List.copyOf(files);
    skippedFiles = List.copyOf(skippedFiles);
  }

  static StepResult notRun(int index, String name, String source, int tests) {
    return new StepResult(
        index,
        name,
        source,
        NOT_RUN,
        List.of(),
        List.of(),
        tests,
        -1,
        0,
        Optional.empty(),
        Optional.of("an earlier step was reverted"),
        0);
  }
}
