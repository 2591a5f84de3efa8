package dev.oncell.runtime.internal.git;

import dev.oncell.agent.ErrorKind;
import dev.oncell.agent.git.CloneOptions;
import dev.oncell.agent.git.CloneResult;
import dev.oncell.agent.git.FetchResult;
import dev.oncell.agent.git.GitCodes;
import dev.oncell.agent.git.PushOptions;
import dev.oncell.agent.git.PushResult;
import dev.oncell.runtime.CellException;
import dev.oncell.runtime.internal.cell.LiveCell;
import java.util.List;
import java.util.Optional;

/**
 * Clone, fetch and push of a cell's repository, done by the host with the customer's credential
 * (which never enters the cell). Names, paths and the folder are checked before a call reaches
 * here; an implementation checks URLs (egress allow-list, no {@code file://} or host paths) and
 * throws {@link CellException} with the codes of {@link GitCodes} and {@code egress_refused},
 * {@code git_auth_failed}, {@code git_push_rejected}. {@link #unavailable()} stands in until the
 * host has one.
 */
public interface RemoteGit {

  /** Progress of a transfer, sent to the run's watchers as {@code git} events (not journaled). */
  @FunctionalInterface
  interface Progress {
    /**
     * @param phase git's phase, such as {@code Receiving objects}
     * @param percent 0 to 100, or -1 when unknown
     */
    void update(String phase, int percent);
  }

  /**
   * Clones {@code url} into {@code folder} (relative to {@code /work}, {@code ""} for /work, the
   * repository folder joined with {@link CloneOptions#into()}).
   */
  CloneResult clone(
      LiveCell cell, String folder, String url, CloneOptions options, Progress progress);

  /**
   * Fetches {@code refspecs} (none: the remote's configured ones) into the repository in {@code
   * folder}.
   */
  FetchResult fetch(
      LiveCell cell, String folder, String remote, List<String> refspecs, Progress progress);

  /** Pushes local {@code branch} of the repository in {@code folder} to {@code remote}. */
  PushResult push(LiveCell cell, String folder, String remote, String branch, PushOptions options);

  /**
   * The reconcile check of a push a crash interrupted: the push's result if the remote branch is
   * already at the local branch's commit, empty if pushing is still needed.
   */
  Optional<PushResult> alreadyPushed(LiveCell cell, String folder, String remote, String branch);

  /** A host without remote git: every call fails with {@code git_remote_unavailable}. */
  static RemoteGit unavailable() {
    return new RemoteGit() {
      @Override
      public CloneResult clone(
          LiveCell cell, String folder, String url, CloneOptions options, Progress progress) {
        throw refused("clone");
      }

      @Override
      public FetchResult fetch(
          LiveCell cell, String folder, String remote, List<String> refspecs, Progress progress) {
        throw refused("fetch");
      }

      @Override
      public PushResult push(
          LiveCell cell, String folder, String remote, String branch, PushOptions options) {
        throw refused("push");
      }

      @Override
      public Optional<PushResult> alreadyPushed(
          LiveCell cell, String folder, String remote, String branch) {
        return Optional.empty();
      }

      private CellException refused(String op) {
        return new CellException(
            ErrorKind.INVALID,
            GitCodes.REMOTE_UNAVAILABLE,
            "git "
                + op
                + " needs the host's remote git, which this host does not have yet;"
                + " local operations (status, diff, add, commit, log, branches) work");
      }
    };
  }
}
