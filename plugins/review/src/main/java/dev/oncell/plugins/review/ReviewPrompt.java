package dev.oncell.plugins.review;

import dev.oncell.agent.forge.PullRequest;
import java.util.List;

/**
 * The words sent to the model. Every diff line carries its number and side ({@code R12} new, {@code
 * L7} old) because the model must answer with exactly those, and {@link FindingCheck} holds it to
 * them.
 */
final class ReviewPrompt {

  private ReviewPrompt() {}

  static String system(ReviewConfig config) {
    String scope =
        config.profile() == ReviewConfig.Profile.THOROUGH
            ? "Report bugs, security problems, performance problems, missing tests and unclear"
                + " code, each explained with what to do instead."
            : "Report only what should change before merging: bugs, security and real"
                + " performance problems. One or two sentences each; no praise, no style nits.";
    return """
        You review a pull request. %s
        Answer with findings. Each names the file, the line and its side exactly as the diff \
        shows them (R<n>: line n of the new file, L<n>: line n of the old file, for removed \
        lines), a severity (CRITICAL, MAJOR, MINOR, INFO), a category (BUG, SECURITY, \
        PERFORMANCE, STYLE, TESTS), a one-line title, a body in Markdown and, when the fix is a \
        one-line change, a suggestion: the whole new text of that line. No findings is a fine \
        answer."""
        .formatted(scope);
  }

  static String user(
      PullRequest pr, UnifiedDiff scope, List<HunkContext.Snippet> context, ReviewConfig config) {
    StringBuilder p = new StringBuilder();
    p.append("Pull request #").append(pr.number()).append(": ").append(pr.title()).append('\n');
    if (!pr.body().isBlank()) {
      p.append(pr.body().strip()).append('\n');
    }
    p.append("\nChanges to review:\n");
    for (UnifiedDiff.FileChange file : scope.files()) {
      p.append("\n### ")
          .append(file.path())
          .append(file.deleted() ? " (deleted)" : "")
          .append('\n');
      for (String instruction : config.instructionsFor(file.path())) {
        p.append("Team's instruction for this file: ").append(instruction).append('\n');
      }
      for (UnifiedDiff.Hunk hunk : file.hunks()) {
        p.append(hunk.header()).append('\n');
        for (UnifiedDiff.Line line : hunk.lines()) {
          String where = line.removed() ? "L" + line.oldNumber() : "R" + line.newNumber();
          p.append(where).append(' ').append(line.kind()).append(' ').append(line.text());
          p.append('\n');
        }
      }
    }
    if (!context.isEmpty()) {
      p.append("\nRelated code in the repository (for context, not to review):\n");
      for (HunkContext.Snippet s : context) {
        p.append(s.path()).append(':').append(s.line()).append(": ").append(s.text());
        p.append('\n');
      }
    }
    return p.toString();
  }
}
