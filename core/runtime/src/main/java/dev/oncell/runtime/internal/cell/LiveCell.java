package dev.oncell.runtime.internal.cell;

import dev.oncell.agent.Db;
import dev.oncell.agent.FileStore;
import dev.oncell.agent.Memory;
import dev.oncell.agent.ShellOptions;
import dev.oncell.agent.ShellResult;
import dev.oncell.runtime.Cell;
import dev.oncell.runtime.CellException;
import dev.oncell.runtime.CellInfo;
import dev.oncell.runtime.CellSearch;
import dev.oncell.runtime.CellState;
import dev.oncell.runtime.DiskUsage;
import dev.oncell.runtime.RunError;
import dev.oncell.runtime.internal.llm.LlmService;
import dev.oncell.sandbox.OutputListener;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Function;

/**
 * One cell and its lifecycle. Calls hold the read lock, so they run side by side; pause, wake and
 * delete hold the write lock, so a pause waits for calls in progress and never cuts one, and calls
 * that find the cell paused wait for the one wake. The handles (database, sandbox) exist only while
 * the cell is ACTIVE (or, for a new or failed cell, while it is in use).
 */
public final class LiveCell implements Cell {

  private static final java.util.logging.Logger LOG =
      java.util.logging.Logger.getLogger(LiveCell.class.getName());

  private final CellInfo created;
  private final CellPaths paths;
  private final CellEnvironment env;
  private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock(true);
  private final Memory memory = new GuardedMemory(this);
  private final FileStore files = new GuardedFiles(this);
  private final CellSearch search = new GuardedSearch(this);

  private final Db db = new GuardedDb(this);

  private volatile CellState state; // written under the write lock; read by the sweeper without
  private Optional<String> setupRunId;
  private Optional<RunError> error;
  private volatile CellHandles handles; // non-null only while the cell is in use
  private boolean deleted;
  // Why this start did not bring the cell up (a failed recovery step); it serves nothing until a
  // DELETE succeeds or a restart recovers it.
  private volatile Optional<String> quarantine = Optional.empty();
  private volatile Instant lastActive;
  private volatile Optional<DiskUsage> diskUsage = Optional.empty();

  LiveCell(CellInfo created, CellPaths paths, CellEnvironment env) {
    this.created = created;
    this.paths = paths;
    this.env = env;
    this.state = created.state();
    this.setupRunId = created.setupRunId();
    this.error = created.error();
    this.lastActive = created.lastActiveAt();
  }

  @Override
  public String id() {
    return created.id();
  }

  public CellPaths paths() {
    return paths;
  }

  /** The host's LLM routing. */
  public LlmService llm() {
    return env.llm();
  }

  /** The host's pools for code search. */
  SearchPool searchPool() {
    return env.searchPool();
  }

  /** Appends one line to the cell's log. */
  void log(String event) {
    env.log(paths, event);
  }

  @Override
  public CellInfo info() {
    lock.readLock().lock();
    try {
      return infoUnlocked();
    } finally {
      lock.readLock().unlock();
    }
  }

  private CellInfo infoUnlocked() {
    Optional<RunError> shown = error;
    if (quarantine.isPresent()) {
      // The reason may name host paths: it goes to the server's log, not to the customer.
      shown =
          Optional.of(
              state == CellState.DELETING
                  ? new RunError("delete_failed", "deleting the cell failed; see the server log")
                  : new RunError(
                      "cell_quarantined", "the cell could not be recovered; see the server log"));
    }
    return new CellInfo(
        created.id(),
        state,
        created.agent(),
        created.env(),
        created.config(),
        setupRunId,
        shown,
        created.createdAt(),
        lastActive);
  }

  /**
   * Takes the cell out of service for this host's lifetime: every call but delete is refused. For a
   * cell whose recovery failed at start-up; the recorded state stays, so a restart tries again.
   */
  void quarantine(String reason) {
    lock.writeLock().lock();
    try {
      quarantine = Optional.of(reason);
      env.log(paths, "quarantined: " + reason);
    } finally {
      lock.writeLock().unlock();
    }
  }

  /** Whether calls are served: not deleted, not being deleted, not quarantined. */
  public boolean servable() {
    return !deleted && state != CellState.DELETING && quarantine.isEmpty();
  }

  /** Records the setup run that was started for this new cell. */
  public void setupStarted(String runId) {
    lock.writeLock().lock();
    try {
      env.controlPlane().updateSetupRun(id(), runId);
      setupRunId = Optional.of(runId);
    } finally {
      lock.writeLock().unlock();
    }
  }

  /** The agent's setup ended: ACTIVE, or FAILED with its error. */
  public void setupFinished(Optional<RunError> failure) {
    lock.writeLock().lock();
    try {
      if (deleted || state == CellState.DELETING) {
        return;
      }
      CellState next = failure.isPresent() ? CellState.FAILED : CellState.ACTIVE;
      env.controlPlane().finishSetup(id(), next, failure, env.clock().instant());
      state = next;
      error = failure;
      env.log(paths, failure.map(e -> "setup failed: " + e.code()).orElse("setup done"));
    } finally {
      lock.writeLock().unlock();
    }
  }

  /** Runs {@code op} on an active cell, waking it first if needed. */
  <T> T use(Function<CellHandles, T> op) {
    while (true) {
      lock.readLock().lock();
      try {
        checkServable();
        if (handles != null) {
          lastActive = env.clock().instant();
          try {
            return op.apply(handles);
          } finally {
            // A long call counts as activity until it ends, not only when it started.
            lastActive = env.clock().instant();
          }
        }
      } finally {
        lock.readLock().unlock();
      }
      wake();
    }
  }

  private void checkNotDeleted() {
    if (deleted) {
      throw CellException.notFound("not_found", "no customer '" + id() + "'");
    }
  }

  /** Refuses every call on a cell that is deleted, being deleted or quarantined. */
  public void checkServable() {
    checkNotDeleted();
    if (state == CellState.DELETING) {
      throw CellException.conflict(
          "cell_deleting",
          "customer '"
              + id()
              + "' is being deleted and serves no call"
              + (quarantine.isPresent()
                  ? "; its deletion failed: an operator can retry DELETE"
                  : ""));
    }
    if (quarantine.isPresent()) {
      throw CellException.conflict(
          "cell_quarantined",
          "customer '"
              + id()
              + "' is out of service: it could not be recovered when the server started; an"
              + " operator can delete it, or fix it and restart the server");
    }
  }

  /** Opens the handles of a paused cell, or of an active one after a restart. */
  CellInfo wake() {
    lock.writeLock().lock();
    try {
      checkServable();
      if (handles == null) {
        // Only a paused cell changes state; a new (CREATING) or FAILED one just opens handles.
        boolean wasPaused =
            state == CellState.PAUSED || state == CellState.PAUSING || state == CellState.WAKING;
        if (wasPaused) {
          setState(CellState.WAKING);
        }
        try {
          handles = CellHandles.open(paths, env, env.profiles().of(infoUnlocked()));
          handles.index().resumePending();
        } catch (RuntimeException e) {
          if (wasPaused) {
            setState(CellState.PAUSED);
          }
          throw e;
        }
        if (wasPaused) {
          setState(CellState.ACTIVE);
          env.log(paths, "woke");
        }
      }
      lastActive = env.clock().instant();
      return infoUnlocked();
    } finally {
      lock.writeLock().unlock();
    }
  }

  CellInfo pause() {
    lock.writeLock().lock();
    try {
      checkServable();
      pauseLocked("paused");
      return infoUnlocked();
    } finally {
      lock.writeLock().unlock();
    }
  }

  private void pauseLocked(String why) {
    if (state == CellState.ACTIVE) {
      setState(CellState.PAUSING);
      closeHandles();
      env.controlPlane().updateLastActive(id(), lastActive);
      setState(CellState.PAUSED);
      // Files cannot change while paused: measured now, the figure stays exact until a wake.
      try {
        measureDisk();
      } catch (RuntimeException e) {
        diskUsage = Optional.empty(); // a figure for inspect only; the pause stands
      }
      env.log(paths, why);
    }
  }

  /**
   * Pauses the cell if it had no call since {@code now - idleTimeout}. Never waits: a call in
   * progress holds the read lock, and then the cell is simply not idle. A new or failed cell that
   * is not ACTIVE only has its handles released.
   *
   * @return whether the cell was paused
   */
  boolean pauseIfIdle(Instant now) {
    if (handles == null && state != CellState.ACTIVE) {
      return false; // paused, or holding nothing: no need to work out its idle timeout
    }
    if (lastActive.plus(idleTimeout()).isAfter(now) || !lock.writeLock().tryLock()) {
      return false;
    }
    try {
      if (deleted || lastActive.plus(idleTimeout()).isAfter(now)) {
        return false;
      }
      if (state != CellState.ACTIVE) {
        closeHandles();
        return false;
      }
      pauseLocked("paused: idle since " + lastActive);
      return true;
    } finally {
      lock.writeLock().unlock();
    }
  }

  /** The idle timeout of the open handles, else what the cell would open with. */
  private Duration idleTimeout() {
    CellHandles open = handles;
    return open != null ? open.profile().idleTimeout() : profile().idleTimeout();
  }

  /** The profile the cell runs with now, or would run with if woken. */
  CellProfile profile() {
    CellHandles open = handles;
    return open != null ? open.profile() : env.profiles().of(info());
  }

  /** The size of the work folder, walking it now. */
  DiskUsage measureDisk() {
    DiskUsage usage = DiskUsage.measure(paths.work(), env.clock().instant());
    diskUsage = Optional.of(usage);
    return usage;
  }

  /** The last measured size of the work folder, if it was measured since the host started. */
  Optional<DiskUsage> lastDiskUsage() {
    return diskUsage;
  }

  /**
   * Deletes every byte of the cell; the control-plane row goes last so a crash can finish it. Once
   * DELETING the cell serves nothing; a deletion that fails leaves it so (and quarantined, with the
   * reason logged) until a DELETE succeeds. Also the way out for a quarantined cell.
   */
  void delete() {
    lock.writeLock().lock();
    try {
      checkNotDeleted();
      CellProfile profile;
      try {
        profile = profile();
      } catch (RuntimeException e) {
        // A deployment that no longer loads must not keep a cell from going: the host's default
        // backend releases a disk as well as any (the disk code is backend-independent).
        CellInfo plain = infoUnlocked();
        profile =
            env.profiles()
                .of(
                    new CellInfo(
                        plain.id(),
                        plain.state(),
                        Optional.empty(),
                        plain.env(),
                        plain.config(),
                        Optional.empty(),
                        Optional.empty(),
                        plain.createdAt(),
                        plain.lastActiveAt()));
      }
      if (state != CellState.DELETING) {
        setState(CellState.DELETING);
      }
      closeHandles();
      try {
        // A mounted disk would make the removal fail half way; a busy one stops it here.
        CellHandles.release(paths, profile);
        CellRegistry.removeFiles(paths);
        env.controlPlane().deleteCustomer(id());
      } catch (RuntimeException e) {
        quarantine = Optional.of("deletion failed: " + e.getMessage());
        LOG.warning("cell " + id() + ": deletion failed, it stays DELETING: " + e.getMessage());
        throw e;
      }
      deleted = true;
      quarantine = Optional.empty();
    } finally {
      lock.writeLock().unlock();
    }
  }

  /**
   * Releases handles and the disk at host shutdown without changing the recorded state. A disk that
   * cannot be released is logged and left mounted: the next host mounts it as it finds it.
   */
  void release() {
    lock.writeLock().lock();
    try {
      if (deleted) {
        return;
      }
      CellProfile profile = profile();
      if (handles != null) {
        closeHandles();
        env.controlPlane().updateLastActive(id(), lastActive);
      }
      CellHandles.release(paths, profile);
    } catch (RuntimeException e) {
      LOG.warning("cell " + id() + ": not released at shutdown: " + e.getMessage());
      env.log(paths, "not released at shutdown: " + e.getMessage());
    } finally {
      lock.writeLock().unlock();
    }
  }

  private void closeHandles() {
    if (handles != null) {
      handles.close();
      handles = null;
    }
  }

  private void setState(CellState next) {
    env.controlPlane().updateState(id(), next, env.clock().instant());
    state = next;
    env.log(paths, "state " + next);
  }

  @Override
  public ShellResult shell(String command, ShellOptions options) {
    return shell(command, options, OutputListener.NONE);
  }

  @Override
  public ShellResult shell(String command, ShellOptions options, OutputListener listener) {
    ShellCall call = ShellCall.check(command, options, listener, env.config());
    return use(h -> call.run(h, env, paths));
  }

  /** {@code ctx.upload}: downloads {@code fromUrl} to {@code dest} through the cell's egress. */
  public long upload(String dest, String fromUrl) {
    CellUpload upload = CellUpload.check(dest, fromUrl);
    return use(h -> upload.run(h, env, paths));
  }

  @Override
  public FileStore files() {
    return files;
  }

  @Override
  public FileContent open(String path) {
    return use(h -> h.files().open(path));
  }

  @Override
  public FilePage list(String path, java.util.Optional<String> after, int limit) {
    if (limit < 1 || limit > MAX_LIST_PAGE) {
      throw CellException.invalid(
          "invalid_limit", "limit must be between 1 and " + MAX_LIST_PAGE + ", not " + limit);
    }
    return use(
        h -> {
          WorkFolder.Page page = h.files().list(path, after, limit);
          return new FilePage(page.entries(), page.next(), page.unreadable());
        });
  }

  @Override
  public Memory memory() {
    return memory;
  }

  @Override
  public CellSearch search() {
    return search;
  }

  @Override
  public Db db() {
    return db;
  }
}
