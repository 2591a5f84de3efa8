package dev.oncell.git;

import dev.oncell.git.internal.DefaultHostMirror;
import java.net.Proxy;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A host-private bare repository that stands between a cell and its real remotes: fetched from and
 * pushed to with JGit, the customer's credential and the cell's egress, and served to the cell by a
 * {@link GitRelay}. It lives outside every folder a cell can write (the runtime keeps it next to,
 * never inside, the cell's work folder), so nothing a customer plants can reach host-side JGit.
 *
 * <p>Layout: the remote's branches and tags are mirrored as the mirror's own {@code refs/heads/*}
 * and {@code refs/tags/*} (so the cell sees them as the relay's branches); pull-request refs land
 * under {@code refs/remotes/origin/pr/N} (GitHub, Gitea) and {@code refs/remotes/origin/mr/N}
 * (GitLab). See {@link Refspecs}.
 *
 * <p>Every connection goes through the {@link Proxy} given to each call (nothing global is
 * changed), and a credential is offered only to its own host. Thread-safe.
 */
public interface HostMirror extends AutoCloseable {

  /**
   * Opens the bare repository at {@code folder}, creating it (and missing parents) if the folder
   * does not exist or is empty.
   *
   * @throws GitException {@code git_mirror_invalid} (INVALID) when the folder holds something that
   *     is not a bare repository
   */
  static HostMirror open(Path folder) {
    return DefaultHostMirror.open(folder);
  }

  Path folder();

  /**
   * Fetches {@code refspecs} (see {@link Refspecs#expand}; empty means {@link Refspecs#MIRROR})
   * from {@code url} into the mirror.
   *
   * @throws GitException {@code invalid_refspec}, {@code egress_refused}, {@code git_auth_failed},
   *     {@code git_not_found}, {@code git_unreachable}, {@code git_failed}
   */
  FetchResult fetch(
      RepoUrl url,
      List<String> refspecs,
      Optional<GitCredential> credential,
      Proxy proxy,
      GitProgress progress);

  /**
   * Pushes {@code localRef} (a ref of the mirror or a full commit id present in it) to branch
   * {@code remoteBranch} of {@code url}. With {@code forceWithLease} the push replaces the remote's
   * branch only if it is at that commit (the zero id: only if the branch does not exist); without,
   * only a fast-forward is accepted. A refusal by the remote is a {@link PushResult}, not an
   * exception.
   *
   * @throws GitException {@code invalid_ref} for a branch name that is not a valid ref (or a full
   *     ref name outside {@code refs/heads/}), a local ref the mirror does not have or a lease that
   *     is not a commit id; and the codes of {@link #fetch}
   */
  PushResult push(
      RepoUrl url,
      String localRef,
      String remoteBranch,
      Optional<String> forceWithLease,
      Optional<GitCredential> credential,
      Proxy proxy);

  /**
   * The remote's refs (full names) and their commits; for reconciling a push: is the branch at the
   * commit already?
   */
  Map<String, String> lsRemote(RepoUrl url, Optional<GitCredential> credential, Proxy proxy);

  /** The commit a ref (or abbreviated name) of the mirror points at. */
  Optional<String> resolve(String ref);

  /** Closes the repository. */
  @Override
  void close();
}
