package dev.oncell.server.internal;

import dev.oncell.runtime.RunEvent;
import dev.oncell.runtime.Runs;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Writes a run's events as server-sent events: {@code id} is the event's sequence number, so a
 * client that reconnects with {@code Last-Event-ID} misses nothing. Ends after the run's last
 * event. A client that goes away ends only the stream, never the run.
 */
final class EventStream {

  private static final Duration KEEP_ALIVE = Duration.ofSeconds(15);

  private EventStream() {}

  static void send(ServerResponse res, Runs runs, String runId, long afterSeq) {
    res.status(200);
    res.header(HeaderNames.CONTENT_TYPE, "text/event-stream");
    res.header(HeaderNames.CACHE_CONTROL, "no-cache");
    try (OutputStream out = res.outputStream()) {
      long last = afterSeq;
      while (true) {
        Runs.Batch batch = runs.events(runId, last, KEEP_ALIVE);
        for (RunEvent event : batch.events()) {
          out.write(frame(event));
          last = event.seq();
        }
        if (batch.events().isEmpty() && !batch.complete()) {
          out.write(": keep-alive\n\n".getBytes(StandardCharsets.UTF_8));
        }
        out.flush();
        if (batch.complete()) {
          return;
        }
      }
    } catch (IOException | UncheckedIOException e) {
      // The client went away; the run goes on and its events stay readable.
    }
  }

  static byte[] frame(RunEvent event) {
    String data;
    try {
      data = Responses.JSON.writeValueAsString(event.data());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return ("id: " + event.seq() + "\nevent: " + event.type() + "\ndata: " + data + "\n\n")
        .getBytes(StandardCharsets.UTF_8);
  }
}
