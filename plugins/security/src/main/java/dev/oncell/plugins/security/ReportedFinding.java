package dev.oncell.plugins.security;

import java.util.Objects;

/**
 * A finding as a report shows it.
 *
 * @param finding what the engine found
 * @param where {@code tree} when the blob is in the working tree, {@code history} when only an
 *     older commit holds it (still exposed to anyone with a clone)
 * @param objectId the git blob it was found in
 * @param triage the model's verdict ({@code exploitable: why} or {@code not exploitable: why}), or
 *     empty when the model did not look at it
 * @param status {@code open}, {@code suppressed} (see {@code suppressedBy}), {@code baselined} or
 *     {@code ignored} (listed in {@code .gitleaksignore})
 * @param suppressedBy who suppressed it ({@code model:local} for the model), or empty
 * @param suppressedReason why, or empty
 * @param suppressedAt when (ISO-8601), or empty
 */
public record ReportedFinding(
    Finding finding,
    String where,
    String objectId,
    String triage,
    String status,
    String suppressedBy,
    String suppressedReason,
    String suppressedAt) {

  public ReportedFinding {
    Objects.requireNonNull(finding, "finding");
    Objects.requireNonNull(where, "where");
    Objects.requireNonNull(objectId, "objectId");
    Objects.requireNonNull(triage, "triage");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(suppressedBy, "suppressedBy");
    Objects.requireNonNull(suppressedReason, "suppressedReason");
    Objects.requireNonNull(suppressedAt, "suppressedAt");
  }
}
