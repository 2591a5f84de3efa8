package dev.oncell.plugins.review;

/**
 * The review's conclusion, written in the summary, submitted to the forge as a review (approve or
 * request changes) and returned.
 */
public enum Verdict {
  /** No open finding reaches {@link ReviewConfig#blockOn()}. */
  APPROVED,
  /** At least one open finding reaches {@link ReviewConfig#blockOn()}. */
  CHANGES_REQUESTED
}
