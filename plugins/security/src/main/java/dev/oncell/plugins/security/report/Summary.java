package dev.oncell.plugins.security.report;

import dev.oncell.plugins.security.Finding;
import dev.oncell.plugins.security.ReportedFinding;
import dev.oncell.plugins.security.ScanReport;
import dev.oncell.plugins.security.Severity;
import java.util.EnumMap;
import java.util.Map;

/** A {@link ScanReport} in Markdown, for a person: counts, then each finding on a line. */
public final class Summary {

  private Summary() {}

  public static String of(ScanReport report) {
    StringBuilder out = new StringBuilder("## Security scan\n\n");
    Map<Severity, Integer> bySeverity = new EnumMap<>(Severity.class);
    report.findings().forEach(r -> bySeverity.merge(r.finding().severity(), 1, Integer::sum));
    out.append(report.findings().size()).append(" open finding(s)");
    if (!bySeverity.isEmpty()) {
      out.append(" (");
      String sep = "";
      for (var e : bySeverity.entrySet()) {
        out.append(sep).append(e.getValue()).append(' ').append(e.getKey().name().toLowerCase());
        sep = ", ";
      }
      out.append(')');
    }
    out.append("; ")
        .append(report.suppressed().size())
        .append(" suppressed, ")
        .append(report.baselined())
        .append(" in the baseline, ")
        .append(report.ignored())
        .append(" in .gitleaksignore.\n\n");
    out.append("Scanned ")
        .append(report.scanned())
        .append(" new blob(s) (")
        .append(report.alreadyScanned())
        .append(" already scanned) of ")
        .append(report.treeFiles())
        .append(" working-tree file(s) and ")
        .append(report.historyBlobs())
        .append(" history-only blob(s), with ")
        .append(String.join(", ", report.engines()))
        .append(".\n");
    if (!report.triage().isEmpty()) {
      out.append("Model triage: ").append(report.triage()).append(".\n");
    }
    if (!report.findings().isEmpty()) {
      out.append("\n| severity | rule | where | triage |\n|---|---|---|---|\n");
      for (ReportedFinding r : report.findings()) {
        out.append(row(r, r.triage()));
      }
    }
    if (!report.suppressed().isEmpty()) {
      out.append("\nSuppressed (shown, not dropped):\n\n| severity | rule | where | by, why |\n");
      out.append("|---|---|---|---|\n");
      for (ReportedFinding r : report.suppressed()) {
        out.append(row(r, r.suppressedBy() + ": " + r.suppressedReason()));
      }
    }
    if (!report.skipped().isEmpty()) {
      out.append("\nSkipped: ").append(report.skipped().size()).append(" (see `skipped`).\n");
    }
    return out.toString();
  }

  private static String row(ReportedFinding r, String last) {
    Finding f = r.finding();
    return "| "
        + f.severity().name().toLowerCase()
        + " | "
        + f.rule()
        + " | `"
        + f.file()
        + (f.line() > 0 ? ":" + f.line() : "")
        + "`"
        + (r.where().equals("history") ? " (history)" : "")
        + " | "
        + last.replace("|", "\\|").replace("\n", " ")
        + " |\n";
  }
}
