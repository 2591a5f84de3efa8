package dev.oncell.sandbox.internal.process;

import dev.oncell.sandbox.OutputListener;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Keeps at most {@code limit} bytes of a stream and drains the rest, so that a chatty command can
 * neither block on a full pipe nor fill the host's memory.
 */
final class CappedOutput {

  private final int limit;
  private final ByteArrayOutputStream kept = new ByteArrayOutputStream();
  private final ByteArrayOutputStream partialLine = new ByteArrayOutputStream();
  private final OutputListener.Stream stream;
  private final OutputListener listener;
  private long dropped;

  CappedOutput(int limit, OutputListener.Stream stream, OutputListener listener) {
    this.limit = limit;
    this.stream = stream;
    this.listener = listener;
  }

  void readFrom(InputStream in) throws IOException {
    byte[] buffer = new byte[8192];
    int n;
    while ((n = in.read(buffer)) >= 0) {
      append(buffer, n);
    }
    synchronized (this) {
      if (partialLine.size() > 0) {
        emit();
      }
    }
  }

  private synchronized void append(byte[] buffer, int n) {
    int room = limit - kept.size();
    int keep = Math.max(0, Math.min(room, n));
    kept.write(buffer, 0, keep);
    dropped += n - keep;
    for (int i = 0; i < keep; i++) {
      if (buffer[i] == '\n') {
        emit();
      } else {
        partialLine.write(buffer[i]);
      }
    }
  }

  private void emit() {
    String line = partialLine.toString(StandardCharsets.UTF_8);
    partialLine.reset();
    try {
      listener.line(stream, line);
    } catch (RuntimeException e) {
      // A listener's failure costs that line only.
    }
  }

  synchronized boolean truncated() {
    return dropped > 0;
  }

  synchronized String text() {
    String text = kept.toString(StandardCharsets.UTF_8);
    if (dropped == 0) {
      return text;
    }
    return text
        + "\n[oncell: output truncated at "
        + limit
        + " bytes, "
        + dropped
        + " more dropped]\n";
  }
}
