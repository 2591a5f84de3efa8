package dev.oncell.git;

import dev.oncell.git.internal.SmartHttpRelay;
import java.io.IOException;

/**
 * Serves git's smart HTTP protocol (v0, and v2 for fetches, as JGit supports) over a {@link
 * HostMirror}, independent of any web server: the caller turns its server's request into a {@link
 * GitRequest} and gives a {@link GitResponse}. Answers {@code GET .../info/refs?service=...},
 * {@code POST .../git-upload-pack} and {@code POST .../git-receive-pack}; anything else is 404 (the
 * dumb protocol is not served). In {@link Access#READ_ONLY} mode receive-pack is 403.
 *
 * <p>The relay never sees a credential: it is for the cell's side; its hooks hold whatever the
 * upstream needs. A relay is usable while its mirror is open; it is thread-safe, one request per
 * thread.
 */
public interface GitRelay {

  /** Whether the cell may push through the relay. */
  enum Access {
    READ_ONLY,
    READ_WRITE
  }

  /** A push's pack over this is refused, unless the caller says otherwise: 1 GiB. */
  long DEFAULT_MAX_PACK_BYTES = 1L << 30;

  static GitRelay create(HostMirror mirror, RelayHooks hooks, Access access) {
    return SmartHttpRelay.create(mirror, hooks, access, DEFAULT_MAX_PACK_BYTES);
  }

  /**
   * A relay that refuses a pushed pack over {@code maxPackBytes}: the mirror is on the host's disk,
   * outside the cell's quota, so the caller bounds what a cell can make it store.
   */
  static GitRelay create(HostMirror mirror, RelayHooks hooks, Access access, long maxPackBytes) {
    return SmartHttpRelay.create(mirror, hooks, access, maxPackBytes);
  }

  /**
   * Answers one request. Protocol failures are answered in git's own terms (an {@code ERR} line, a
   * rejected ref); an {@link IOException} means the connection to the client broke.
   */
  void handle(GitRequest request, GitResponse response) throws IOException;
}
