package dev.oncell.plugins.security;

import java.util.List;

/**
 * What {@code scan} answers.
 *
 * @param engines each engine and its version ({@code secrets@builtin-1a2b...})
 * @param treeFiles files in the working tree
 * @param historyBlobs blobs only the history holds
 * @param scanned blobs read and scanned by this scan
 * @param alreadyScanned blobs every engine had scanned before (incremental by object id)
 * @param findings the open findings: not baselined, not suppressed, not ignored
 * @param suppressed suppressed findings with who, why and when (the model's included): shown, never
 *     dropped
 * @param baselined how many findings the baseline hides
 * @param ignored how many findings {@code .gitleaksignore} lists
 * @param triage what the model's triage did ({@code 3 triaged, 1 suppressed}, or why it did not
 *     run)
 * @param skipped what was left out, and why, one line each
 * @param summary the report in Markdown
 */
public record ScanReport(
    List<String> engines,
    int treeFiles,
    int historyBlobs,
    int scanned,
    int alreadyScanned,
    List<ReportedFinding> findings,
    List<ReportedFinding> suppressed,
    int baselined,
    int ignored,
    String triage,
    List<String> skipped,
    String summary) {

  public ScanReport {
    engines = List.copyOf(engines);
    findings = List.copyOf(findings);
    suppressed = List.copyOf(suppressed);
    skipped = List.copyOf(skipped);
  }

  /** The same report with {@code text} as its summary. */
  ScanReport withSummary(String text) {
    return new ScanReport(
        engines,
        treeFiles,
        historyBlobs,
        scanned,
        alreadyScanned,
        findings,
        suppressed,
        baselined,
        ignored,
        triage,
        skipped,
        text);
  }
}
