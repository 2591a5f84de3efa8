package dev.oncell.plugins.review;

/** How much a finding matters, most serious first; the order is what thresholds compare. */
public enum Severity {
  /** Must be fixed before merging: data loss, a security hole, a crash on a common path. */
  CRITICAL,
  /** Should be fixed: a real bug or risk on a less common path. */
  MAJOR,
  /** Worth fixing: small bugs, unclear code, missing tests for edge cases. */
  MINOR,
  /** A remark, no change needed. */
  INFO;

  /** Whether this is at least as serious as {@code other}. */
  public boolean atLeast(Severity other) {
    return ordinal() <= other.ordinal();
  }
}
