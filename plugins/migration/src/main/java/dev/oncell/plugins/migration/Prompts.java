package dev.oncell.plugins.migration;

import dev.oncell.agent.tools.EditBlocks;
import dev.oncell.agent.tools.TestReport;
import java.util.List;

/** The prompts, in one place so that their wording can be read and tuned together. */
final class Prompts {

  static final String SYSTEM =
      """
      You are a careful software engineer migrating a repository one small step at a time. Change
      only what the step asks; keep every existing test method and what it checks (never delete,
      empty or weaken a test); after your change the project must build and its tests must pass.
      """;

  /** Files are shown to the model up to this many characters. */
  static final int MAX_FILE_CHARS = 40_000;

  private Prompts() {}

  static String plan(String from, String to, Scope scope, List<String> usages, String testCommand) {
    StringBuilder p = new StringBuilder();
    p.append("Plan the migration of this repository from ")
        .append(from.strip())
        .append(" to ")
        .append(to.strip())
        .append(" (scope: ")
        .append(scope)
        .append(").\n\nThe tests run with: ")
        .append(testCommand)
        .append("\n\nWhere it is used now:\n");
    usages.forEach(u -> p.append(u).append('\n'));
    p.append(
        "\nAnswer with a title and the steps, in order, at most "
            + MigrationPlan.MAX_STEPS
            + ". Each step must leave the project building with its tests passing, so that it can"
            + " be committed on its own; give each a short name, the instruction, and the files"
            + " it changes (paths relative to the repository).");
    return p.toString();
  }

  static String step(String migration, String name, String instruction) {
    return """
        Migration: %s. This step: %s.

        %s

        The files to change are attached in full.

        %s"""
        .formatted(migration, name, instruction.strip(), EditBlocks.FORMAT);
  }

  static String fix(String name, List<String> problems, TestReport tests) {
    StringBuilder p = new StringBuilder();
    p.append("The step \"").append(name).append("\" does not pass its gates:\n");
    problems.forEach(x -> p.append("- ").append(x).append('\n'));
    p.append("\nThe end of the test output:\n\n").append(tests.output()).append("\n\n");
    p.append(
        "The files the step changed are attached as they are now. Fix the cause with more"
            + " blocks; do not delete or empty a test to make it pass.\n\n");
    return p.append(EditBlocks.FORMAT).toString();
  }

  static String rejected(List<String> reasons) {
    StringBuilder p = new StringBuilder("These edits did not apply and changed nothing:\n");
    reasons.forEach(r -> p.append("- ").append(r).append('\n'));
    p.append(
        "\nThe other blocks were applied. Send corrected blocks for these only, copying the"
            + " SEARCH lines exactly from the files as attached now.\n\n");
    return p.append(EditBlocks.FORMAT).toString();
  }

  static String cut(String text) {
    return text.length() <= MAX_FILE_CHARS
        ? text
        : text.substring(0, MAX_FILE_CHARS) + "\n[... cut at " + MAX_FILE_CHARS + " chars]";
  }
}
