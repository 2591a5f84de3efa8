package dev.oncell.plugins.migration;

import java.util.List;
import java.util.Optional;

/**
 * A step to run, from a recipe or from the model's plan.
 *
 * @param name what it does
 * @param rules the recipe step, when it is one (rules or a model instruction of the recipe's)
 * @param instruction what the model is asked, for a planned step
 * @param files the files a planned step names, to show the model
 */
record StepSpec(
    String name, Optional<RecipeStep> rules, Optional<String> instruction, List<String> files) {

  static StepSpec of(RecipeStep step) {
    return new StepSpec(step.name(), Optional.of(step), step.instruction(), List.of());
  }

  static StepSpec of(MigrationPlan.PlannedStep step) {
    return new StepSpec(
        step.name(), Optional.empty(), Optional.of(step.instruction()), step.files());
  }

  /** Whether the step's edits are the model's (no deterministic rules). */
  boolean byModel() {
    return rules.map(RecipeStep::byModel).orElse(true);
  }

  /** Whether the step runs a command of the recipe's in the cell. */
  boolean byCommand() {
    return rules.map(RecipeStep::byCommand).orElse(false);
  }

  /** {@code rules}, {@code command} or {@code model}: who makes the step's edits. */
  String source() {
    return byModel() ? "model" : byCommand() ? "command" : "rules";
  }
}
