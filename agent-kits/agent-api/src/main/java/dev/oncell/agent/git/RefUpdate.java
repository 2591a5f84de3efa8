package dev.oncell.agent.git;

import java.util.Objects;
import java.util.Optional;

/**
 * One ref a {@link Git#fetch} changed.
 *
 * @param ref the local ref, such as {@code refs/remotes/origin/main} or {@code refs/pull/7/head}
 * @param oldId the commit it pointed at before; empty for a new ref
 * @param newId the commit it points at now
 */
public record RefUpdate(String ref, Optional<String> oldId, String newId) {

  public RefUpdate {
    Objects.requireNonNull(ref, "ref");
    Objects.requireNonNull(oldId, "oldId");
    Objects.requireNonNull(newId, "newId");
  }
}
