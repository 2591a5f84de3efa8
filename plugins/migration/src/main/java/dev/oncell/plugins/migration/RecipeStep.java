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
 * @param instruction what the model is asked to do ({@code model} steps)
 * @param command a shell command that rewrites the files itself, run in the cell's sandbox with cwd
 *     {@code /work} ({@code command} steps: a codemod, OpenRewrite's Maven plugin, a script of the
 *     repository's); the step's files are those it changed that match {@code files}
 */
record RecipeStep(
    String name,
    String files,
    Optional<String> when,
    Optional<String> unless,
    List<Rule> rules,
    Optional<String> instruction,
    Optional<String> command) {

  RecipeStep {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(files, "files");
    Objects.requireNonNull(when, "when");
    Objects.requireNonNull(unless, "unless");
    rules = List.copyOf(rules);
    Objects.requireNonNull(instruction, "instruction");
    Objects.requireNonNull(command, "command");
    int kinds =
        (rules.isEmpty() ? 0 : 1) + (instruction.isEmpty() ? 0 : 1) + (command.isEmpty() ? 0 : 1);
    if (kinds != 1) {
      throw new IllegalArgumentException(
          "recipe step \""
              + name
              + "\" needs exactly one of rules, an instruction for the model, or a command");
    }
  }

  /** A step that runs a command in the cell. */
  boolean byCommand() {
    return command.isPresent();
  }

  /** A step only the model can carry out. */
  boolean byModel() {
    return instruction.isPresent();
  }
}
