package dev.oncell.sandbox.internal.egress;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The head of an HTTP/1.x message: its first line and its header fields, read up to the empty line
 * and no further, so what follows (a body, or the first bytes of a tunnel) stays in the stream.
 */
record HttpHead(String startLine, List<Header> headers) {

  record Header(String name, String value) {
    boolean is(String other) {
      return name.equalsIgnoreCase(other);
    }
  }

  /** A head that is not HTTP; {@link #status} is what to answer. */
  static final class Malformed extends Exception {
    private final int status;

    Malformed(int status, String message) {
      super(message);
      this.status = status;
    }

    int status() {
      return status;
    }
  }

  /**
   * Reads one head of at most {@code limit} bytes; empty when the stream ends before its first byte
   * (a client that connected and left).
   */
  static Optional<HttpHead> read(InputStream in, int limit) throws IOException, Malformed {
    List<String> lines = new ArrayList<>();
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    int total = 0;
    while (true) {
      int b = in.read();
      if (b < 0) {
        if (total == 0) {
          return Optional.empty();
        }
        throw new Malformed(400, "the connection ended inside the request head");
      }
      if (++total > limit) {
        throw new Malformed(431, "request head larger than " + limit + " bytes");
      }
      if (b != '\n') {
        line.write(b);
        continue;
      }
      String text = line.toString(StandardCharsets.ISO_8859_1);
      line.reset();
      if (text.endsWith("\r")) {
        text = text.substring(0, text.length() - 1);
      }
      if (text.isEmpty()) {
        if (lines.isEmpty()) {
          continue; // RFC 9112: ignore empty lines before the start line.
        }
        return Optional.of(parse(lines));
      }
      lines.add(text);
    }
  }

  private static HttpHead parse(List<String> lines) throws Malformed {
    List<Header> headers = new ArrayList<>();
    for (String line : lines.subList(1, lines.size())) {
      int colon = line.indexOf(':');
      if (colon <= 0 || !line.substring(0, colon).matches("[!#$%&'*+.^_`|~0-9A-Za-z-]+")) {
        throw new Malformed(400, "malformed header line: " + shorten(line));
      }
      headers.add(new Header(line.substring(0, colon), line.substring(colon + 1).strip()));
    }
    return new HttpHead(lines.getFirst(), List.copyOf(headers));
  }

  /** The value of the only header with this name; a repeated one is malformed. */
  Optional<String> single(String name) throws Malformed {
    List<String> values = headers.stream().filter(h -> h.is(name)).map(Header::value).toList();
    if (values.size() > 1) {
      throw new Malformed(400, "repeated " + name + " header");
    }
    return values.stream().findFirst();
  }

  boolean has(String name) {
    return headers.stream().anyMatch(h -> h.is(name));
  }

  /** The connection-option tokens of the Connection header, lower case. */
  List<String> connectionOptions() {
    return headers.stream()
        .filter(h -> h.is("Connection"))
        .flatMap(h -> List.of(h.value().split(",")).stream())
        .map(token -> token.strip().toLowerCase(Locale.ROOT))
        .filter(token -> !token.isEmpty())
        .toList();
  }

  static String shorten(String text) {
    return text.length() <= 120 ? text : text.substring(0, 120) + "...";
  }
}
