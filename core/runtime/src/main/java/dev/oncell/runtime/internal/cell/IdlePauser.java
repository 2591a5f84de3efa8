package dev.oncell.runtime.internal.cell;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Pauses cells that had no call for their idle timeout. It never waits on a cell: a cell with a
 * call in progress (its read lock held) or a live run (a run waiting on an LLM holds no lock) is
 * not idle and is looked at again on the next sweep.
 */
public final class IdlePauser implements AutoCloseable {

  private static final Logger LOG = Logger.getLogger(IdlePauser.class.getName());

  private final CellRegistry cells;
  private final Predicate<String> hasLiveRun;
  private final Clock clock;
  private final ScheduledExecutorService timer =
      Executors.newSingleThreadScheduledExecutor(
          Thread.ofPlatform().name("oncell-idle-pauser").daemon().factory());

  public IdlePauser(CellRegistry cells, Predicate<String> hasLiveRun, Clock clock) {
    this.cells = cells;
    this.hasLiveRun = hasLiveRun;
    this.clock = clock;
  }

  public void start(Duration interval) {
    long millis = interval.toMillis();
    timer.scheduleWithFixedDelay(this::sweepQuietly, millis, millis, TimeUnit.MILLISECONDS);
  }

  /** One pass over every cell; returns the ids it paused. */
  public synchronized List<String> sweep() {
    List<String> paused = new ArrayList<>();
    for (LiveCell cell : cells.liveCells()) {
      if (hasLiveRun.test(cell.id())) {
        continue;
      }
      try {
        if (cell.pauseIfIdle(clock.instant())) {
          paused.add(cell.id());
        }
      } catch (RuntimeException e) {
        // One cell that cannot pause (deleted meanwhile, a disk fault) must not stop the others.
        LOG.log(Level.WARNING, "cannot pause idle cell " + cell.id(), e);
      }
    }
    return paused;
  }

  private void sweepQuietly() {
    try {
      List<String> paused = sweep();
      if (!paused.isEmpty()) {
        LOG.info("paused idle cells " + paused);
      }
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "idle sweep failed", e);
    }
  }

  @Override
  public void close() {
    timer.shutdownNow();
    try {
      timer.awaitTermination(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
