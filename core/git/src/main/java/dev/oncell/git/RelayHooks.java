package dev.oncell.git;

import java.util.Optional;

/**
 * What a {@link GitRelay} asks its owner (the runtime) around each exchange with the cell. Both run
 * on the request's thread, before anything is answered or stored.
 */
public interface RelayHooks {

  /** No refresh, every update accepted: a plain server over the mirror (tests, editors). */
  RelayHooks NONE = new RelayHooks() {};

  /**
   * Called before refs are advertised to the cell ({@code service} is {@code git-upload-pack} or
   * {@code git-receive-pack}): typically fetches the mirror from upstream so the cell sees the
   * remote's current branches. A {@link GitException} refuses the request; the git client shows its
   * message ("remote error: ...").
   */
  default void beforeAdvertise(String service) {}

  /**
   * Called for each ref the cell pushes, after its objects are in the mirror and before the
   * mirror's ref moves: typically pushes the commit upstream with the customer's credential.
   *
   * @return empty to accept; a message to reject this ref (the git client shows it next to the ref,
   *     and the mirror's ref does not move)
   */
  default Optional<String> beforeUpdate(RefUpdate update) {
    return Optional.empty();
  }

  /**
   * One ref the cell asks to change.
   *
   * @param ref the full ref name ({@code refs/heads/...} or {@code refs/tags/...})
   * @param oldId the commit the cell believes the ref is at; empty when it creates the ref
   * @param newId the commit to set; empty when it deletes the ref
   * @param fastForward whether {@code newId} descends from {@code oldId} (true for a create)
   */
  record RefUpdate(
      String ref, Optional<String> oldId, Optional<String> newId, boolean fastForward) {}
}
