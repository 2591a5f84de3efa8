package dev.oncell.plugins.coding;

import dev.oncell.agent.SearchHit;
import dev.oncell.agent.forge.PullRequest;
import dev.oncell.agent.tools.EditBlocks;
import dev.oncell.agent.tools.TestReport;
import java.util.List;

/** The prompts, in one place so that their wording can be read and tuned together. */
final class Prompts {

  static final String SYSTEM =
      """
      You are a careful software engineer working in a git repository. Make the smallest change
      that does what is asked, follow the repository's conventions and its contributor
      instructions, and keep the tests passing (add or fix tests when the change needs them).
      """;

  private Prompts() {}

  static String plan(
      String instruction, String testCommand, List<SearchHit> hits, List<String> symbolLines) {
    StringBuilder p = new StringBuilder();
    p.append("Plan this change to the repository:\n\n").append(instruction.strip()).append("\n\n");
    p.append("The tests run with: ").append(testCommand).append("\n\n");
    if (!hits.isEmpty()) {
      p.append("Relevant code found by search:\n");
      for (SearchHit hit : hits) {
        p.append("- ")
            .append(hit.path())
            .append(" lines ")
            .append(hit.startLine())
            .append('-')
            .append(hit.endLine())
            .append(hit.symbol().map(s -> " (" + s + ")").orElse(""))
            .append('\n');
      }
      p.append('\n');
    }
    if (!symbolLines.isEmpty()) {
      p.append("Lines that mention the symbols named above:\n");
      symbolLines.forEach(l -> p.append(l).append('\n'));
      p.append('\n');
    }
    p.append(
        "Answer with a title (imperative, under 72 characters), a summary for the pull request,"
            + " the steps, and the files to change or read (paths relative to the repository).");
    return p.toString();
  }

  static String edit(String instruction, Plan plan) {
    return """
        Make this change to the repository:

        %s

        Your plan: %s
        %s
        The files you need are attached in full.

        %s"""
        .formatted(instruction.strip(), plan.summary(), steps(plan), EditBlocks.FORMAT);
  }

  /**
   * A pull request's reviewers asked for changes: their threads (or the feedback given), so that
   * the model changes the branch as asked.
   */
  static String revise(PullRequest pr, List<Reviser.Thread> threads, String feedback) {
    StringBuilder p = new StringBuilder();
    p.append("Revise pull request #")
        .append(pr.number())
        .append(" (\"")
        .append(pr.title())
        .append("\") as its reviewers asked.\n\n");
    if (!pr.body().isBlank()) {
      p.append("What it does:\n").append(pr.body().strip()).append("\n\n");
    }
    if (feedback != null) {
      p.append("The feedback:\n").append(feedback.strip()).append("\n\n");
    }
    if (!threads.isEmpty()) {
      p.append("The review comments to address, each on a line of a file:\n");
      for (Reviser.Thread t : threads) {
        p.append("- ")
            .append(t.first().path())
            .append(" line ")
            .append(t.first().line())
            .append(", ")
            .append(t.first().author())
            .append(": ")
            .append(t.first().body().strip())
            .append('\n');
        for (var reply : t.replies()) {
          p.append("  - ").append(reply.author()).append(": ").append(reply.body().strip());
          p.append('\n');
        }
      }
      p.append('\n');
    }
    p.append("The files they are about are attached in full.\n\n");
    return p.append(EditBlocks.FORMAT).toString();
  }

  /** Some blocks did not apply: the reasons, so that the model sends corrected ones. */
  static String rejected(List<String> reasons) {
    StringBuilder p = new StringBuilder("These edits did not apply and changed nothing:\n");
    reasons.forEach(r -> p.append("- ").append(r).append('\n'));
    p.append(
        "\nThe other blocks were applied. Send corrected blocks for these only, copying the"
            + " SEARCH lines exactly from the files as attached now.\n\n");
    return p.append(EditBlocks.FORMAT).toString();
  }

  /** The tests failed: their output, so that the model fixes the code (or the tests). */
  static String testsFailed(TestReport report) {
    return """
        The tests failed (%s). The end of their output:

        %s

        The files as they are now are attached. Fix the cause with more blocks.

        %s"""
        .formatted(report.describe(), report.output(), EditBlocks.FORMAT);
  }

  private static String steps(Plan plan) {
    StringBuilder s = new StringBuilder();
    for (int i = 0; i < plan.steps().size(); i++) {
      s.append(i + 1).append(". ").append(plan.steps().get(i)).append('\n');
    }
    return s.toString();
  }
}
