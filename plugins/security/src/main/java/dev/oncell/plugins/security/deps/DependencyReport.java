package dev.oncell.plugins.security.deps;

import dev.oncell.plugins.security.Finding;
import java.util.List;

/**
 * A dependency scan: the findings and everything a reader needs to trust a clean result.
 *
 * @param findings vulnerable dependencies, in file, line, then OSV id order
 * @param snapshots the OSV snapshots matched against, one per ecosystem with dependencies
 * @param withoutSnapshot ecosystems that had dependencies but no imported snapshot: not checked
 * @param dependencies how many dependencies were matched
 * @param unresolved dependencies named without an exact version (not checked)
 * @param skipped lock files that could not be read, with the reason
 */
public record DependencyReport(
    List<Finding> findings,
    List<Snapshot> snapshots,
    List<String> withoutSnapshot,
    int dependencies,
    List<Unresolved> unresolved,
    List<Skipped> skipped) {

  public DependencyReport {
    findings = List.copyOf(findings);
    snapshots = List.copyOf(snapshots);
    withoutSnapshot = List.copyOf(withoutSnapshot);
    unresolved = List.copyOf(unresolved);
    skipped = List.copyOf(skipped);
  }
}
