package dev.oncell.runtime.internal.mirror;

import dev.oncell.agent.ErrorKind;
import dev.oncell.git.GitException;
import dev.oncell.git.GitProgress;
import dev.oncell.git.PushResult;
import dev.oncell.git.RelayHooks;
import dev.oncell.runtime.CellException;
import java.util.List;
import java.util.Optional;

/**
 * What the cell's relay asks the host around each exchange with the cell's own git: refresh the
 * mirror from the upstream before advertising refs, and push a branch upstream (with the customer's
 * credential, a lease of the cell's view) before the mirror's ref moves. A failure is kept on the
 * repository for the step that caused it, and shown to the cell's git as text.
 */
final class UpstreamHooks implements RelayHooks {

  private final CellRepository repo;

  UpstreamHooks(CellRepository repo) {
    this.repo = repo;
  }

  @Override
  public void beforeAdvertise(String service) {
    if (repo.upstream().isEmpty() || repo.refreshSuppressed()) {
      return;
    }
    try {
      repo.fetchUpstream(List.of(), GitProgress.NONE);
    } catch (CellException e) {
      repo.relayFailed(e);
      throw new GitException(GitException.Kind.REFUSED, e.code(), e.getMessage());
    }
  }

  @Override
  public Optional<String> beforeUpdate(RefUpdate update) {
    if (repo.overDisk()) {
      // The pushed objects are on the host's disk already; refusing the ref keeps a cell from
      // growing the mirror push after push beyond what its own disk could hold.
      repo.log("git refused ref=" + update.ref() + " reason=too_large");
      return Optional.of("disk_full: the cell's repository is over the cell's disk");
    }
    if (repo.upstream().isEmpty()) {
      return Optional.empty(); // a repository of the cell's own: the mirror is all there is
    }
    if (!update.ref().startsWith("refs/heads/")) {
      return Optional.of("only branches are pushed upstream, not " + update.ref());
    }
    if (update.newId().isEmpty()) {
      return Optional.of("deleting a branch upstream is not supported from a cell");
    }
    String branch = update.ref().substring("refs/heads/".length());
    // The cell's view of the branch is the lease: the upstream moves only from where the cell
    // saw it, so a push never overwrites commits the cell has not seen.
    Optional<String> lease = Optional.of(update.oldId().orElse(CellRepository.ZERO_ID));
    PushResult result;
    try {
      result = repo.pushUpstream(update.newId().get(), branch, lease);
    } catch (CellException e) {
      repo.relayFailed(e);
      return Optional.of(e.code() + ": " + e.getMessage());
    }
    if (result.ok()) {
      repo.log("git pushed branch=" + branch + " commit=" + update.newId().get());
      return Optional.empty();
    }
    String message =
        result.code().orElseThrow()
            + ": the upstream refused "
            + branch
            + result.remoteHead().map(h -> " (its head is " + h + ")").orElse("")
            + (result.message().isEmpty() ? "" : ": " + result.message());
    repo.relayFailed(new CellException(ErrorKind.CONFLICT, result.code().orElseThrow(), message));
    return Optional.of(message);
  }
}
