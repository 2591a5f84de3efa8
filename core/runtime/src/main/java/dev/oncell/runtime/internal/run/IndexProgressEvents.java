package dev.oncell.runtime.internal.run;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.oncell.runtime.internal.store.Json;
import dev.oncell.search.IndexListener;
import dev.oncell.search.IndexStatus;

/**
 * Streams an index run's progress as {@code index} run events ({@code progress: true}, with {@code
 * files}, {@code chunks}, {@code embedded}), at most a few per second. Progress is not journaled: a
 * replayed run has its result, not its progress.
 */
public final class IndexProgressEvents implements IndexListener {

  private static final long INTERVAL_NANOS = 250_000_000L;

  private final RunEventLog events;
  private long last = System.nanoTime(); // guarded by this

  IndexProgressEvents(RunEventLog events) {
    this.events = events;
  }

  @Override
  public void progress(IndexStatus status) {
    synchronized (this) {
      long now = System.nanoTime();
      if (now - last < INTERVAL_NANOS) {
        return;
      }
      last = now;
    }
    ObjectNode data = Json.MAPPER.createObjectNode();
    data.put("progress", true);
    data.put("files", status.files());
    data.put("chunks", status.chunks());
    data.put("embedded", status.embedded());
    events.append("index", data);
  }
}
