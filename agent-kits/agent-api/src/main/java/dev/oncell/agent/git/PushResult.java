package dev.oncell.agent.git;

import java.util.Objects;

/**
 * What {@link Git#push} did.
 *
 * @param remote the remote pushed to
 * @param branch the remote branch
 * @param commit the commit the remote branch is at now
 * @param status how the branch got there
 */
public record PushResult(String remote, String branch, String commit, Status status) {

  /** How the remote branch changed. */
  public enum Status {
    /** The branch did not exist on the remote. */
    CREATED,
    /** The branch moved forward. */
    FAST_FORWARD,
    /** The branch was overwritten under {@link PushOptions#forceWithLease()}. */
    FORCED,
    /** The branch was already at the commit (also after a resumed run pushed it before a crash). */
    UP_TO_DATE
  }

  public PushResult {
    Objects.requireNonNull(remote, "remote");
    Objects.requireNonNull(branch, "branch");
    Objects.requireNonNull(commit, "commit");
    Objects.requireNonNull(status, "status");
  }
}
