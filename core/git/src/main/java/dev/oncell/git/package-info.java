/**
 * The host-side git engine. {@link dev.oncell.git.RepoUrl} checks a remote URL (http(s) only);
 * {@link dev.oncell.git.HostMirror} is a host-private bare repository fetched from and pushed to
 * with a {@link dev.oncell.git.GitCredential} through a caller's {@link java.net.Proxy}; {@link
 * dev.oncell.git.GitRelay} serves that mirror to a cell over git smart HTTP, with {@link
 * dev.oncell.git.RelayHooks} to refresh from and forward pushes to the real remote. Failures are
 * {@link dev.oncell.git.GitException}s with stable codes.
 *
 * <p>Invariants: JGit here never opens a repository inside a cell's folders (only a mirror's
 * folder, which the caller keeps out of every cell); a credential goes only to its own host and
 * never into a message, a URL or a {@code toString}; every connection goes through the proxy the
 * caller passes. Knows nothing of cells or agents.
 */
package dev.oncell.git;
