package dev.oncell.runtime.internal.cell;

import dev.oncell.runtime.CellInfo;
import dev.oncell.runtime.CellState;
import dev.oncell.runtime.DiskUsage;
import dev.oncell.runtime.RunError;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Function;
import java.util.logging.Logger;

/**
 * A cell's lifecycle, under one fair read-write lock. Calls ({@link #use}) hold the read lock, so
 * they run side by side; pause, wake and delete hold the write lock, so a pause waits for calls in
 * progress and never cuts one, and calls that find the cell paused wait for the one wake. The
 * handles (database, sandbox) exist only while the cell is ACTIVE (or, for a new or failed cell,
 * while it is in use). Every state change is written to the control plane before it is taken.
 */
final class CellLifecycle {

  private static final Logger LOG = Logger.getLogger(LiveCell.class.getName());

  private final CellRecord record;
  private final CellPaths paths;
  private final CellEnvironment env;
  private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock(true);
  private volatile CellHandles handles; // non-null only while the cell is in use

  CellLifecycle(CellRecord record, CellPaths paths, CellEnvironment env) {
    this.record = record;
    this.paths = paths;
    this.env = env;
  }

  private String id() {
    return record.id();
  }

  CellInfo info() {
    lock.readLock().lock();
    try {
      return record.info();
    } finally {
      lock.readLock().unlock();
    }
  }

  /**
   * Takes the cell out of service for this host's lifetime: every call but delete is refused. For a
   * cell whose recovery failed at start-up; the recorded state stays, so a restart tries again.
   */
  void quarantine(String reason) {
    lock.writeLock().lock();
    try {
      record.quarantine = Optional.of(reason);
      env.log(paths, "quarantined: " + reason);
    } finally {
      lock.writeLock().unlock();
    }
  }

  /** Records the setup run that was started for this new cell. */
  void setupStarted(String runId) {
    lock.writeLock().lock();
    try {
      env.controlPlane().updateSetupRun(id(), runId);
      record.setupRunId = Optional.of(runId);
    } finally {
      lock.writeLock().unlock();
    }
  }

  /** The agent's setup ended: ACTIVE, or FAILED with its error. */
  void setupFinished(Optional<RunError> failure) {
    lock.writeLock().lock();
    try {
      if (record.deleted || record.state == CellState.DELETING) {
        return;
      }
      CellState next = failure.isPresent() ? CellState.FAILED : CellState.ACTIVE;
      env.controlPlane().finishSetup(id(), next, failure, env.clock().instant());
      record.state = next;
      record.error = failure;
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
          record.lastActive = env.clock().instant();
          try {
            return op.apply(handles);
          } finally {
            // A long call counts as activity until it ends, not only when it started.
            record.lastActive = env.clock().instant();
          }
        }
      } finally {
        lock.readLock().unlock();
      }
      wake();
    }
  }

  /** Refuses every call on a cell that is deleted, being deleted or quarantined. */
  private void checkServable() {
    record.checkServable();
  }

  private void checkNotDeleted() {
    record.checkNotDeleted();
  }

  /** The size of the work folder, walking it now. */
  DiskUsage measureDisk() {
    DiskUsage usage = DiskUsage.measure(paths.work(), env.clock().instant());
    record.diskUsage = Optional.of(usage);
    return usage;
  }

  /** Opens the handles of a paused cell, or of an active one after a restart. */
  CellInfo wake() {
    lock.writeLock().lock();
    try {
      checkServable();
      if (handles == null) {
        // Only a paused cell changes state; a new (CREATING) or FAILED one just opens handles.
        boolean wasPaused =
            record.state == CellState.PAUSED
                || record.state == CellState.PAUSING
                || record.state == CellState.WAKING;
        if (wasPaused) {
          setState(CellState.WAKING);
        }
        try {
          handles = CellHandles.open(paths, env, env.profiles().of(record.info()));
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
      record.lastActive = env.clock().instant();
      return record.info();
    } finally {
      lock.writeLock().unlock();
    }
  }

  CellInfo pause() {
    lock.writeLock().lock();
    try {
      checkServable();
      pauseLocked("paused");
      return record.info();
    } finally {
      lock.writeLock().unlock();
    }
  }

  private void pauseLocked(String why) {
    if (record.state == CellState.ACTIVE) {
      setState(CellState.PAUSING);
      closeHandles();
      env.controlPlane().updateLastActive(id(), record.lastActive);
      setState(CellState.PAUSED);
      // Files cannot change while paused: measured now, the figure stays exact until a wake.
      try {
        measureDisk();
      } catch (RuntimeException e) {
        record.diskUsage = Optional.empty(); // a figure for inspect only; the pause stands
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
    if (handles == null && record.state != CellState.ACTIVE) {
      return false; // paused, or holding nothing: no need to work out its idle timeout
    }
    if (record.lastActive.plus(idleTimeout()).isAfter(now) || !lock.writeLock().tryLock()) {
      return false;
    }
    try {
      if (record.deleted || record.lastActive.plus(idleTimeout()).isAfter(now)) {
        return false;
      }
      if (record.state != CellState.ACTIVE) {
        closeHandles();
        return false;
      }
      pauseLocked("paused: idle since " + record.lastActive);
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
        profile = env.profiles().withoutAgent(record.info());
      }
      if (record.state != CellState.DELETING) {
        setState(CellState.DELETING);
      }
      closeHandles();
      try {
        // A mounted disk would make the removal fail half way; a busy one stops it here.
        CellHandles.release(paths, profile);
        CellRegistry.removeFiles(paths);
        env.controlPlane().deleteCustomer(id());
      } catch (RuntimeException e) {
        record.quarantine = Optional.of("deletion failed: " + e.getMessage());
        LOG.warning("cell " + id() + ": deletion failed, it stays DELETING: " + e.getMessage());
        throw e;
      }
      record.deleted = true;
      record.quarantine = Optional.empty();
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
      if (record.deleted) {
        return;
      }
      CellProfile profile = profile();
      if (handles != null) {
        closeHandles();
        env.controlPlane().updateLastActive(id(), record.lastActive);
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
    record.state = next;
    env.log(paths, "state " + next);
  }
}
