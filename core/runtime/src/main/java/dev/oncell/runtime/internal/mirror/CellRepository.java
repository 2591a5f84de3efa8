package dev.oncell.runtime.internal.mirror;

import dev.oncell.agent.ErrorKind;
import dev.oncell.git.FetchResult;
import dev.oncell.git.GitCredential;
import dev.oncell.git.GitException;
import dev.oncell.git.GitProgress;
import dev.oncell.git.GitRelay;
import dev.oncell.git.HostMirror;
import dev.oncell.git.PushResult;
import dev.oncell.git.RelayHooks;
import dev.oncell.git.RepoUrl;
import dev.oncell.runtime.CellException;
import dev.oncell.sandbox.InternalService;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * The cell's repository as the host holds it: a bare mirror in the cell's host-only {@code git}
 * folder, the upstream it mirrors (set by the first clone), and the relay the cell's own {@code
 * git} reaches at {@link #RELAY_URL} through its egress proxy.
 *
 * <p>The relay is how a customer's credential stays out of the cell: the cell's {@code origin} is
 * the relay, which has no credential; before the relay advertises refs it fetches the upstream into
 * the mirror, and before it moves a ref the cell pushed it pushes that commit upstream, both here,
 * on the host, with the customer's credential for the upstream's host, through the cell's egress
 * proxy (so the allow-list decides and the cell's log records it). So {@code git fetch} and {@code
 * git push} typed in the cell's shell work like {@code ctx.git()}'s.
 *
 * <p>The host's JGit only ever opens the mirror, never the cell's {@code /work/.git}.
 */
public final class CellRepository implements AutoCloseable {

  /** The relay's name inside the cell's egress. */
  public static final String RELAY_HOST = "git.oncell.internal";

  /** The cell's {@code origin}: the relay, over plain HTTP through the cell's egress proxy. */
  public static final String RELAY_URL = "http://" + RELAY_HOST + "/repo.git";

  private static final String RELAY_PATH = "/repo.git/";
  private static final String UPSTREAM_FILE = "upstream";

  private final String customerId;
  private final Path folder;
  private final Path mirrorFolder;
  private final UpstreamRoute route;
  private final CredentialLookup credentials;
  private final Consumer<String> log;
  private final long maxBytes;
  private final AtomicReference<HostMirror> mirror = new AtomicReference<>();
  private final AtomicInteger refreshSuppressed = new AtomicInteger();
  private final AtomicReference<CellException> lastRelayFailure = new AtomicReference<>();

  /**
   * @param folder the cell's host-only git folder
   * @param egressSocket the cell's egress proxy socket; empty when its egress is blocked and the
   *     host fetches nothing for it
   * @param log the cell's log
   * @param maxBytes the most the mirror may hold on the host's disk, which is outside the cell's
   *     quota: the cell's disk quota (a repository over it could not be checked out anyway); 0 for
   *     no bound
   */
  public CellRepository(
      String customerId,
      Path folder,
      Optional<Path> egressSocket,
      CredentialLookup credentials,
      Consumer<String> log,
      long maxBytes) {
    this(
        customerId,
        folder,
        egressSocket.map(UpstreamRoute::throughCell).orElseGet(UpstreamRoute::none),
        credentials,
        log,
        maxBytes);
  }

  /** The same, with {@code route} for how the host reaches the upstream ({@link UpstreamRoute}). */
  public CellRepository(
      String customerId,
      Path folder,
      UpstreamRoute route,
      CredentialLookup credentials,
      Consumer<String> log,
      long maxBytes) {
    this.maxBytes = maxBytes;
    this.customerId = customerId;
    this.folder = folder;
    this.mirrorFolder = folder.resolve("repo.git");
    this.route = route;
    this.credentials = credentials;
    this.log = log;
  }

  /** The mirror, opened (and created) on first use. */
  public HostMirror mirror() {
    HostMirror open = mirror.get();
    if (open != null) {
      return open;
    }
    synchronized (mirror) {
      if (mirror.get() == null) {
        try {
          mirror.set(HostMirror.open(mirrorFolder));
        } catch (GitException e) {
          throw GitErrors.toCell(e);
        }
      }
      return mirror.get();
    }
  }

  /** The upstream the mirror follows, once a clone set it. */
  public Optional<RepoUrl> upstream() {
    return MirrorFiles.readUpstream(folder.resolve(UPSTREAM_FILE));
  }

  /**
   * Makes {@code url} the upstream. A cell has one repository: a different upstream than the one
   * set is refused.
   *
   * @throws CellException {@code git_upstream_conflict} (CONFLICT)
   */
  public void setUpstream(RepoUrl url) {
    checkNoOtherUpstream(url);
    if (upstream().isPresent()) {
      return;
    }
    MirrorFiles.writeUpstream(folder.resolve(UPSTREAM_FILE), url);
  }

  /**
   * Makes {@code url} the upstream by fetching all of it into the mirror: the upstream is recorded
   * only once that fetch succeeded, so a clone that failed (a refused host, a wrong credential)
   * leaves the cell free to clone another repository.
   *
   * @throws CellException {@code git_upstream_conflict} and the codes of {@link #fetchUpstream}
   */
  public FetchResult adoptUpstream(RepoUrl url, GitProgress progress) {
    checkNoOtherUpstream(url);
    FetchResult result =
        withEgress(
            url,
            UpstreamRoute.Use.READ,
            proxy -> mirror().fetch(url, List.of(), credential(url), proxy, progress));
    try {
      checkSize(url);
    } catch (CellException e) {
      discardMirror();
      throw e;
    }
    setUpstream(url);
    return result;
  }

  private void checkNoOtherUpstream(RepoUrl url) {
    Optional<RepoUrl> current = upstream();
    if (current.isPresent() && !current.get().toString().equals(url.toString())) {
      throw new CellException(
          ErrorKind.CONFLICT,
          "git_upstream_conflict",
          "this cell's repository already follows "
              + current.get()
              + "; a cell holds one repository, so "
              + url
              + " cannot be cloned here");
    }
  }

  /**
   * Fetches {@code refspecs} (empty: every branch and tag) of the upstream into the mirror, with
   * the customer's credential for its host, through the cell's egress.
   *
   * @throws CellException {@code git_no_upstream} (INVALID) when nothing was cloned, {@code
   *     egress_blocked}, and the codes of {@link GitErrors#toCell}
   */
  public FetchResult fetchUpstream(List<String> refspecs, GitProgress progress) {
    RepoUrl url = requireUpstream();
    FetchResult result =
        withEgress(
            url,
            UpstreamRoute.Use.READ,
            proxy -> mirror().fetch(url, refspecs, credential(url), proxy, progress));
    checkSize(url);
    return result;
  }

  /**
   * Refuses a mirror over {@link #maxBytes}: JGit cannot bound a fetch as it runs, so what a fetch
   * brought is measured after it.
   *
   * @throws CellException {@code disk_full} (STORAGE_FULL)
   */
  private void checkSize(RepoUrl url) {
    if (maxBytes <= 0) {
      return;
    }
    long size = MirrorFiles.size(mirrorFolder);
    if (size > maxBytes) {
      log.accept("git refused url=" + url + " reason=too_large bytes=" + size);
      throw new CellException(
          ErrorKind.STORAGE_FULL,
          "disk_full",
          "the repository at "
              + url
              + " takes "
              + size
              + " bytes, more than the cell's disk ("
              + maxBytes
              + " bytes)");
    }
  }

  /** Forgets a mirror that was never adopted (too large): closed and its folder removed. */
  private void discardMirror() {
    synchronized (mirror) {
      HostMirror open = mirror.getAndSet(null);
      if (open != null) {
        open.close();
      }
      try {
        MirrorFiles.remove(mirrorFolder);
      } catch (IOException e) {
        log.accept("git could not remove a refused mirror: " + e.getMessage());
      }
    }
  }

  /**
   * Pushes {@code commit} (present in the mirror) to {@code branch} of the upstream; with a lease,
   * only if the upstream's branch is at that commit (the zero id: absent).
   */
  public PushResult pushUpstream(String commit, String branch, Optional<String> lease) {
    RepoUrl url = requireUpstream();
    return withEgress(
        url,
        UpstreamRoute.Use.WRITE,
        proxy -> mirror().push(url, commit, branch, lease, credential(url), proxy));
  }

  /** The upstream's branch heads and tags, asked now. */
  public Map<String, String> lsUpstream() {
    RepoUrl url = requireUpstream();
    return withEgress(
        url, UpstreamRoute.Use.READ, proxy -> mirror().lsRemote(url, credential(url), proxy));
  }

  /**
   * Runs {@code op} while the relay does not refresh from upstream: for a step that just fetched
   * and now has the cell's git read the mirror.
   */
  public <T> T withoutRelayRefresh(java.util.function.Supplier<T> op) {
    refreshSuppressed.incrementAndGet();
    try {
      return op.get();
    } finally {
      refreshSuppressed.decrementAndGet();
    }
  }

  /**
   * The failure of the relay's last upstream exchange, cleared by reading: the cell's git only
   * shows it as text, a step turns it back into its code.
   */
  public Optional<CellException> takeRelayFailure() {
    return Optional.ofNullable(lastRelayFailure.getAndSet(null));
  }

  /** The relay the cell's git talks to, as an internal service of its egress proxy. */
  public InternalService relayService() {
    return new RelayService(this::cellRelay, RELAY_PATH);
  }

  /** A relay for an editor or CI (the server's smart HTTP): the mirror only, no upstream. */
  public GitRelay editorRelay(GitRelay.Access access) {
    return GitRelay.create(mirror(), RelayHooks.NONE, access, packLimit());
  }

  private GitRelay cellRelay() {
    return GitRelay.create(
        mirror(), new UpstreamHooks(this), GitRelay.Access.READ_WRITE, packLimit());
  }

  /** A pushed pack lands on the host's disk: no more than the cell's own disk could hold. */
  private long packLimit() {
    return maxBytes > 0 ? maxBytes : GitRelay.DEFAULT_MAX_PACK_BYTES;
  }

  private RepoUrl requireUpstream() {
    return upstream()
        .orElseThrow(
            () ->
                new CellException(
                    ErrorKind.INVALID,
                    "git_no_upstream",
                    "this cell's repository has no upstream yet: clone one first"));
  }

  private Optional<GitCredential> credential(RepoUrl url) {
    return credentials.find(customerId, url.host());
  }

  private <T> T withEgress(
      RepoUrl url, UpstreamRoute.Use use, java.util.function.Function<java.net.Proxy, T> op) {
    try (UpstreamRoute.Open open = route.open(url, use)) {
      return op.apply(open.proxy());
    } catch (GitException e) {
      log.accept("git failed url=" + url + " code=" + e.code());
      throw GitErrors.toCell(e);
    }
  }

  /** Whether a step asked the relay not to refresh from upstream now. */
  boolean refreshSuppressed() {
    return refreshSuppressed.get() > 0;
  }

  /** Keeps the failure of the relay's upstream exchange for the step that caused it. */
  void relayFailed(CellException e) {
    lastRelayFailure.set(e);
  }

  /** Whether the mirror holds more than the cell's disk could. */
  boolean overDisk() {
    return maxBytes > 0 && MirrorFiles.size(mirrorFolder) > maxBytes;
  }

  void log(String line) {
    log.accept(line);
  }

  static final String ZERO_ID = "0".repeat(40);

  @Override
  public void close() {
    HostMirror open = mirror.getAndSet(null);
    if (open != null) {
      open.close();
    }
  }
}
