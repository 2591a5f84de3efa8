package dev.oncell.plugins.migration;

import java.util.List;

/**
 * The pull request's description: what was migrated, a table of the steps (one row per step: its
 * files, the tests counted before and after, and what became of it), the gates every step passed,
 * and what is left.
 */
final class PullRequestBody {

  private PullRequestBody() {}

  static String of(
      String migration,
      String recipe,
      String description,
      Scope scope,
      List<StepResult> steps,
      int usagesLeft,
      String runId) {
    StringBuilder b = new StringBuilder();
    b.append("Migrates ").append(migration).append(" (").append(scope).append(")");
    b.append(recipe.equals("model") ? ", as planned by the model" : ", recipe `" + recipe + "`");
    b.append(description.isBlank() ? "." : ": " + description.strip()).append("\n\n");
    b.append("One commit per green step, so each can be reviewed, reverted or bisected alone.\n\n");
    b.append("| # | step | by | files | tests before | tests after | status |\n");
    b.append("|---|---|---|---|---|---|---|\n");
    for (StepResult s : steps) {
      b.append("| ").append(s.index());
      b.append(" | ").append(cell(s.name()));
      b.append(" | ").append(s.source());
      b.append(" | ").append(files(s.files()));
      b.append(" | ").append(s.testsBefore());
      b.append(" | ").append(s.testsAfter() < 0 ? "-" : String.valueOf(s.testsAfter()));
      b.append(" | ").append(status(s)).append(" |\n");
    }
    b.append(
        "\nEvery committed step passed the agent's own gates: the build and the tests pass, the"
            + " number of tests did not drop, no test method was deleted or emptied, and line"
            + " coverage (where the project writes a report) dropped by no more than the"
            + " configured points.\n");
    if (usagesLeft > 0) {
      b.append("\n")
          .append(usagesLeft)
          .append(usagesLeft == 1 ? " usage is" : " usages are")
          .append(" left in scope for a person to finish.\n");
    }
    steps.stream()
        .filter(s -> !s.skippedFiles().isEmpty())
        .forEach(
            s ->
                b.append("\nStep ")
                    .append(s.index())
                    .append(" left files alone: ")
                    .append(cell(String.join("; ", s.skippedFiles())))
                    .append('\n'));
    b.append("\nRun ").append(runId).append(" of oncell's migration agent.\n");
    return b.toString();
  }

  private static String status(StepResult s) {
    return switch (s.status()) {
      case StepResult.COMMITTED ->
          "committed "
              + s.commit().map(c -> "`" + c.substring(0, Math.min(7, c.length())) + "`").orElse("")
              + (s.fixRounds() > 0 ? " (fixed in " + s.fixRounds() + " round(s))" : "");
      default -> s.status() + s.reason().map(r -> ": " + cell(r)).orElse("");
    };
  }

  private static String files(List<String> files) {
    if (files.isEmpty()) {
      return "-";
    }
    List<String> shown = files.stream().limit(5).map(f -> "`" + cell(f) + "`").toList();
    return String.join(", ", shown)
        + (files.size() > 5 ? " and " + (files.size() - 5) + " more" : "");
  }

  /** Text that cannot break the table: no pipes, no newlines, bounded. */
  static String cell(String text) {
    String t = text.replace("|", "\\|").replaceAll("[\\r\\n]+", " ");
    return t.length() <= 300 ? t : t.substring(0, 297) + "...";
  }
}
