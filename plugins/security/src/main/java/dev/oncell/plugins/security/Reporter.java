package dev.oncell.plugins.security;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Sorts the stored findings of the current engine versions into what a report shows: open ones;
 * suppressed ones (with who, why, when); and counts of those the baseline or {@code
 * .gitleaksignore} hide. A finding found in several blobs is shown once, in the working tree if any
 * of its blobs is there, else in the history. Ordered by severity, then file, line and rule.
 */
final class Reporter {

  /** What the report shows. */
  record Collected(
      List<ReportedFinding> open, List<ReportedFinding> suppressed, int baselined, int ignored) {}

  private final Ledger ledger;
  private final IgnoreFile ignore;
  private final Set<String> treeBlobs = new TreeSet<>();
  private final Map<String, String> versions;

  Reporter(
      Ledger ledger,
      IgnoreFile ignore,
      CellObjects.Inventory inventory,
      Map<String, String> versions) {
    this.ledger = ledger;
    this.ignore = ignore;
    this.versions = versions;
    inventory.tree().values().forEach(b -> treeBlobs.add(b.objectId()));
  }

  Collected collect() {
    Map<String, Ledger.Stored> byFingerprint = new LinkedHashMap<>();
    for (Ledger.Stored s : ledger.findings(versions)) {
      Ledger.Stored kept = byFingerprint.get(s.finding().fingerprint());
      if (kept == null
          || !treeBlobs.contains(kept.objectId()) && treeBlobs.contains(s.objectId())) {
        byFingerprint.put(s.finding().fingerprint(), s);
      }
    }
    Set<String> baseline = ledger.baseline();
    Map<String, Ledger.Suppression> suppressions = ledger.suppressions();
    Map<String, Ledger.Triage> triages = ledger.triages();
    List<ReportedFinding> open = new ArrayList<>();
    List<ReportedFinding> suppressed = new ArrayList<>();
    int baselined = 0;
    int ignored = 0;
    for (Ledger.Stored s : byFingerprint.values()) {
      Finding f = s.finding();
      String where = treeBlobs.contains(s.objectId()) ? "tree" : "history";
      Ledger.Triage t = triages.get(f.fingerprint());
      String triage =
          t == null ? "" : (t.exploitable() ? "exploitable: " : "not exploitable: ") + t.reason();
      Ledger.Suppression sup = suppressions.get(f.fingerprint());
      if (sup != null) {
        suppressed.add(
            new ReportedFinding(
                f, where, s.objectId(), triage, "suppressed", sup.by(), sup.reason(), sup.at()));
      } else if (ignore.ignores(f)) {
        ignored++;
      } else if (baseline.contains(f.fingerprint())) {
        baselined++;
      } else {
        open.add(new ReportedFinding(f, where, s.objectId(), triage, "open", "", "", ""));
      }
    }
    java.util.Comparator<ReportedFinding> order =
        java.util.Comparator.<ReportedFinding, Severity>comparing(r -> r.finding().severity())
            .thenComparing(r -> r.finding().file())
            .thenComparingInt(r -> r.finding().line())
            .thenComparing(r -> r.finding().rule())
            .thenComparing(r -> r.finding().fingerprint());
    open.sort(order);
    suppressed.sort(order);
    return new Collected(open, suppressed, baselined, ignored);
  }
}
