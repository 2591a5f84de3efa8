package dev.oncell.client;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.Optional;

/**
 * Reads a {@code text/event-stream} body message by message, as the WHATWG HTML standard's
 * "server-sent events" parsing describes: lines end with CRLF, LF or CR; a blank line dispatches
 * the message; a line starting with {@code :} is a comment; {@code field: value} loses one space
 * after the colon; {@code data} lines are joined with {@code \n}; {@code id} is remembered across
 * messages; {@code retry} and unknown fields are ignored; a message cut off by the end of the
 * stream is dropped. Reads byte by byte from a buffer, so a message is returned as soon as its
 * blank line has arrived. Not thread-safe.
 */
final class SseReader {

  /**
   * One dispatched message.
   *
   * @param lastEventId the last {@code id} seen so far in the stream ({@code ""} if none)
   * @param type the {@code event} field, or {@code message} when there was none
   * @param data the {@code data} lines joined with {@code \n}
   */
  record Message(String lastEventId, String type, String data) {}

  private final InputStream in;
  private final ByteArrayOutputStream line = new ByteArrayOutputStream();
  private boolean skipLineFeed;
  private boolean atStart = true;
  private String lastEventId = "";

  SseReader(InputStream in) {
    this.in = new BufferedInputStream(Objects.requireNonNull(in, "in"));
  }

  /** The next message, or empty at the end of the stream. */
  Optional<Message> next() throws IOException {
    String type = "";
    StringBuilder data = new StringBuilder();
    boolean hasData = false;
    for (Optional<String> read = readLine(); read.isPresent(); read = readLine()) {
      String text = read.get();
      if (text.isEmpty()) {
        if (hasData) {
          return Optional.of(
              new Message(lastEventId, type.isEmpty() ? "message" : type, data.toString()));
        }
        type = "";
        continue;
      }
      if (text.startsWith(":")) {
        continue;
      }
      int colon = text.indexOf(':');
      String field = colon < 0 ? text : text.substring(0, colon);
      String value = colon < 0 ? "" : text.substring(colon + 1);
      if (value.startsWith(" ")) {
        value = value.substring(1);
      }
      switch (field) {
        case "event" -> type = value;
        case "data" -> {
          if (hasData) {
            data.append('\n');
          }
          data.append(value);
          hasData = true;
        }
        case "id" -> {
          if (value.indexOf('\0') < 0) {
            lastEventId = value;
          }
        }
        default -> {
          // "retry" (this reader does not reconnect) and unknown fields are ignored.
        }
      }
    }
    return Optional.empty();
  }

  /**
   * One line without its terminator, or empty at the end of the stream (a partial last line too).
   */
  private Optional<String> readLine() throws IOException {
    line.reset();
    while (true) {
      int b = in.read();
      if (b < 0) {
        return Optional.empty();
      }
      if (skipLineFeed) {
        skipLineFeed = false;
        if (b == '\n') {
          continue;
        }
      }
      if (b == '\r' || b == '\n') {
        skipLineFeed = b == '\r';
        return Optional.of(decode());
      }
      line.write(b);
    }
  }

  private String decode() {
    String text = line.toString(StandardCharsets.UTF_8);
    if (atStart) {
      atStart = false;
      if (text.startsWith("\uFEFF")) {
        return text.substring(1);
      }
    }
    return text;
  }
}
