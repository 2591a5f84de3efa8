package dev.oncell.git;

import java.util.Objects;
import java.util.Optional;

/**
 * What a remote answered to one pushed branch.
 *
 * @param status the outcome
 * @param remoteRef the full name of the pushed ref ({@code refs/heads/...})
 * @param remoteHead the remote's head of that ref: after the push when {@link Status#OK} or {@link
 *     Status#UP_TO_DATE}, the head that made it refuse when {@link Status#REJECTED} or {@link
 *     Status#STALE}; empty when the ref does not exist there
 * @param message the remote's explanation, empty when it gave none
 */
public record PushResult(
    Status status, String remoteRef, Optional<String> remoteHead, String message) {

  /** The outcomes of a push. */
  public enum Status {
    /** The remote took the update. */
    OK,
    /** The remote was already at that commit. */
    UP_TO_DATE,
    /** Not a fast-forward of the remote's head: code {@code git_push_rejected}. */
    REJECTED,
    /** The remote's head is not the expected one of a force-with-lease: {@code git_push_stale}. */
    STALE,
    /**
     * The remote refused for its own reason (a hook, a protected branch): {@code git_push_refused}.
     */
    REFUSED
  }

  public PushResult {
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(remoteRef, "remoteRef");
    Objects.requireNonNull(remoteHead, "remoteHead");
    Objects.requireNonNull(message, "message");
  }

  /** Whether the remote's ref is now at the pushed commit. */
  public boolean ok() {
    return status == Status.OK || status == Status.UP_TO_DATE;
  }

  /** The error code for a push that did not happen; empty when {@link #ok()}. */
  public Optional<String> code() {
    return switch (status) {
      case OK, UP_TO_DATE -> Optional.empty();
      case REJECTED -> Optional.of("git_push_rejected");
      case STALE -> Optional.of("git_push_stale");
      case REFUSED -> Optional.of("git_push_refused");
    };
  }
}
