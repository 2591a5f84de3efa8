package dev.oncell.plugins.review;

import java.util.List;
import java.util.Locale;

/**
 * The review's summary comment: one per pull request, posted by the first review and edited in
 * place by the later ones ({@code ctx.pullRequests().editComment}), so the conversation holds one
 * current verdict instead of a trail of stale ones. It names the range the latest review looked at.
 */
final class Summary {

  private Summary() {}

  static String render(
      Verdict verdict,
      String range,
      FindingCheck.Outcome outcome,
      List<FindingCheck.Checked> posted,
      List<ReviewLedger.Open> resolved) {
    StringBuilder s = new StringBuilder();
    s.append("## oncell review: ")
        .append(verdict == Verdict.APPROVED ? "approved" : "changes requested")
        .append("\n\nReviewed ")
        .append(range)
        .append(": ")
        .append(count(posted.size(), "new comment"))
        .append(" on the diff");
    if (outcome.duplicates() > 0) {
      s.append(", ").append(count(outcome.duplicates(), "finding")).append(" already posted");
    }
    s.append(".\n");
    if (!outcome.outsideDiff().isEmpty()) {
      s.append("\n### Outside the diff\n\n");
      for (FindingCheck.Checked c : outcome.outsideDiff()) {
        Finding f = c.finding();
        s.append("- **")
            .append(f.severity().name().toLowerCase(Locale.ROOT))
            .append("** `")
            .append(f.where())
            .append("` ")
            .append(f.title())
            .append(": ")
            .append(f.body().strip().replace("\n", " "))
            .append('\n');
      }
    }
    if (!resolved.isEmpty()) {
      s.append("\n### Resolved\n\n");
      for (ReviewLedger.Open r : resolved) {
        s.append("- ").append(r.describe()).append('\n');
      }
    }
    return s.toString();
  }

  /** An inline comment's body: severity, category, title, explanation, suggestion block. */
  static String inline(Finding f) {
    StringBuilder s = new StringBuilder();
    s.append("**")
        .append(f.severity().name().toLowerCase(Locale.ROOT))
        .append(" · ")
        .append(f.category().name().toLowerCase(Locale.ROOT))
        .append("**: ")
        .append(f.title())
        .append("\n\n")
        .append(f.body().strip())
        .append('\n');
    f.suggestion().ifPresent(t -> s.append("\n```suggestion\n").append(t).append("\n```\n"));
    return s.toString();
  }

  private static String count(int n, String noun) {
    return n + " " + noun + (n == 1 ? "" : "s");
  }
}
