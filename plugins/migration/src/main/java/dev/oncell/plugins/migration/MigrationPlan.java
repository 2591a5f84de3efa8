package dev.oncell.plugins.migration;

import java.util.List;

/**
 * The model's plan of a migration no recipe covers, asked for as a structured answer: small steps,
 * each of which leaves the repository building and its tests passing, so that each can be its own
 * commit.
 *
 * @param title the pull request's title
 * @param steps the steps, in order
 */
public record MigrationPlan(String title, List<PlannedStep> steps) {

  /** Most steps taken from a plan; the rest are reported as not run. */
  static final int MAX_STEPS = 12;

  /**
   * One planned step.
   *
   * @param name what it does, short (the commit message's subject)
   * @param instruction what to change, for the model that makes the edit
   * @param files the files it changes, relative to the repository's root
   */
  public record PlannedStep(String name, String instruction, List<String> files) {
    public PlannedStep {
      name = name == null ? "" : name.strip();
      instruction = instruction == null ? "" : instruction.strip();
      files = files == null ? List.of() : List.copyOf(files);
    }
  }

  public MigrationPlan {
    title = title == null ? "" : title.strip();
    steps = steps == null ? List.of() : List.copyOf(steps);
  }
}
