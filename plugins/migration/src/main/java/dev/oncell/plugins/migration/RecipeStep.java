package dev.oncell.plugins.migration;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One step of a {@link Recipe}: one commit when it passes its gates.
 *
 * @param name what the step does, for the commit message and the pull request's table
 * @param files the glob of the files the step may change ({@code **}{@code /*.java}, {@code
 *     pom.xml})
 * @param when a regex a file must contain for the step to touch it; empty for every file
 * @param unless a regex that keeps the step away from a file containing it (a {@code pom.xml} that
 *     already has JUnit 5); empty for none
 * @param rules the rewrites, applied in order to each file ({@code rules} steps)
 * @param instruction what the model is asked to do ({@code model} steps, which have no rules)
 */
record RecipeStep(
    String name,
    String files,
    Optional<String> when,
    Optional<String> unless,
    List<Rule> rules,
    Optional<String> instruction) {

  RecipeStep {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(files, "files");
    Objects.requireNonNull(when, "when");
    Objects.requireNonNull(unless, "unless");
    rules = List.copyOf(rules);
    Objects.requireNonNull(instruction, "instruction");
    if (rules.isEmpty() == instruction.isEmpty()) {
      throw new IllegalArgumentException(
          "recipe step \"" + name + "\" needs either rules or an instruction for the model");
    }
  }

  /** A step only the model can carry out. */
  boolean byModel() {
    return instruction.isPresent();
  }
}
