package dev.oncell.agent.git;

import java.util.Objects;
import java.util.Optional;

/**
 * Options of {@link Git#push}.
 *
 * @param forceWithLease overwrite the remote branch, but only if it is still at this commit id
 *     (git's {@code --force-with-lease=branch:id}); empty means a fast-forward push only
 */
public record PushOptions(Optional<String> forceWithLease) {

  public PushOptions {
    Objects.requireNonNull(forceWithLease, "forceWithLease");
  }

  public static PushOptions defaults() {
    return new PushOptions(Optional.empty());
  }

  /** Force the push if the remote branch is still at {@code expectedCommit}. */
  public PushOptions withForceWithLease(String expectedCommit) {
    return new PushOptions(Optional.of(expectedCommit));
  }
}
