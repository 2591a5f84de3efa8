package dev.oncell.runtime.internal.run;

import com.fasterxml.jackson.databind.JsonNode;
import dev.oncell.runtime.RunEvent;
import dev.oncell.runtime.Runs;
import dev.oncell.runtime.internal.store.RunStore;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The events of one live run: numbered, written to the control plane before anyone sees them, and
 * handed to waiting readers. After the run, readers go to the store.
 */
public final class RunEventLog {

  private final String runId;
  private final RunStore store;
  private final Clock clock;
  private final List<RunEvent> events = new ArrayList<>();
  private boolean closed;

  /** A log that continues after {@code earlier} events, for a run resumed after a restart. */
  RunEventLog(String runId, RunStore store, Clock clock, List<RunEvent> earlier) {
    this.runId = runId;
    this.store = store;
    this.clock = clock;
    this.events.addAll(earlier);
  }

  synchronized RunEvent append(String type, JsonNode data) {
    if (closed) {
      throw new IllegalStateException("run " + runId + " has ended; no more events");
    }
    RunEvent event = new RunEvent(events.size() + 1L, type, data, clock.instant());
    store.insertEvent(runId, event);
    events.add(event);
    if (event.last()) {
      closed = true;
    }
    notifyAll();
    return event;
  }

  /**
   * Events after {@code afterSeq}, waiting up to {@code wait} when there are none yet; {@code
   * complete} when the run's last event is among those returned or before them.
   */
  synchronized Runs.Batch after(long afterSeq, Duration wait) throws InterruptedException {
    long deadline = System.nanoTime() + wait.toNanos();
    while (events.size() <= afterSeq && !closed) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        break;
      }
      wait(Math.max(1, left / 1_000_000));
    }
    List<RunEvent> batch =
        List.copyOf(events.subList((int) Math.min(afterSeq, events.size()), events.size()));
    return new Runs.Batch(batch, closed);
  }

  synchronized boolean closed() {
    return closed;
  }
}
