package dev.oncell.search.internal.index;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Makes finished runs durable off the caller's path: a run returns once its changes are searchable
 * (a near-real-time refresh); the commit follows {@link #DELAY_MILLIS} later, shared by the runs
 * that finished meanwhile, and only then are those runs taken off the pending marker. A crash
 * before the commit leaves them on the marker, so the next open runs them again.
 */
final class Committer {

  static final long DELAY_MILLIS = 250;

  private static final Logger LOG = Logger.getLogger(Committer.class.getName());

  private final IndexCore core;
  private final ScheduledExecutorService timer;
  private final List<PendingMarker.Run> uncommitted = new ArrayList<>();
  private boolean scheduled;

  Committer(IndexCore core) {
    this.core = core;
    this.timer =
        Executors.newSingleThreadScheduledExecutor(
            IndexCore.named("oncell-commit-" + core.indexDir.getFileName()));
  }

  /** {@code run} is written and searchable; commit it soon. */
  synchronized void finished(PendingMarker.Run run) {
    uncommitted.add(run);
    if (!scheduled) {
      scheduled = true;
      timer.schedule(this::commit, DELAY_MILLIS, TimeUnit.MILLISECONDS);
    }
  }

  /** No finished run waits for its commit. */
  synchronized boolean idle() {
    return uncommitted.isEmpty();
  }

  /** Commits now and takes the runs finished so far off the marker. */
  void commit() {
    List<PendingMarker.Run> done;
    synchronized (this) {
      scheduled = false;
      done = List.copyOf(uncommitted);
    }
    if (done.isEmpty()) {
      return;
    }
    try {
      core.commit();
      for (PendingMarker.Run run : done) {
        core.marker.removeRun(run);
      }
      synchronized (this) {
        for (PendingMarker.Run run : done) {
          uncommitted.remove(run);
        }
      }
    } catch (IOException | RuntimeException e) {
      if (!core.closing()) {
        LOG.log(Level.WARNING, "committing " + core.indexDir + " failed; the runs stay pending", e);
      }
    }
    synchronized (core.idle) {
      core.idle.notifyAll();
    }
  }

  /** Stops the timer; the caller commits last. */
  void shutdown() {
    timer.shutdown();
    try {
      timer.awaitTermination(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
