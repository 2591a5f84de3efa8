package dev.oncell.plugins.security.code;

import dev.oncell.plugins.security.Finding;
import java.util.List;
import java.util.Objects;

/**
 * What a code scan found, and what it could not look at.
 *
 * @param findings in file order, then line order
 * @param skipped files of a known language that were not analysed, with why ("skipped: too large")
 * @param scanned how many files were analysed
 */
public record CodeScan(List<Finding> findings, List<Skipped> skipped, int scanned) {

  /** A file left out, and why. */
  public record Skipped(String file, String reason) {
    public Skipped {
      Objects.requireNonNull(file, "file");
      Objects.requireNonNull(reason, "reason");
    }
  }

  public CodeScan {
    findings = List.copyOf(findings);
    skipped = List.copyOf(skipped);
  }
}
