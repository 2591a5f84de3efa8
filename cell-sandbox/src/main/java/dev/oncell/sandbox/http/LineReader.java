package dev.oncell.sandbox.http;

import dev.oncell.sandbox.http.HttpFormatException.Problem;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Reads lines byte by byte, so that nothing after the last one is consumed, within one budget of
 * bytes for all of them (line ends included). A line ends at LF; a CR right before it is dropped (a
 * bare LF is accepted, RFC 9112 section 2.2); a CR anywhere else, or a NUL, is malformed.
 */
final class LineReader {

  private final InputStream in;
  private final int limit;
  private final String what;
  private int total;

  /**
   * @param what names what is read, for error messages: "the head", "a chunk size line"
   */
  LineReader(InputStream in, int limit, String what) {
    this.in = in;
    this.limit = limit;
    this.what = what;
  }

  /**
   * The next line, without its line end; null only when the stream ends before the first byte this
   * reader reads.
   */
  String next() throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    while (true) {
      int b = in.read();
      if (b < 0) {
        if (total == 0) {
          return null;
        }
        throw new HttpFormatException(Problem.TRUNCATED, "the connection ended inside " + what);
      }
      if (++total > limit) {
        throw new HttpFormatException(
            Problem.TOO_LARGE, what + " is larger than " + limit + " bytes");
      }
      if (b == '\n') {
        break;
      }
      line.write(b);
    }
    String text = line.toString(StandardCharsets.ISO_8859_1);
    if (text.endsWith("\r")) {
      text = text.substring(0, text.length() - 1);
    }
    if (text.indexOf('\r') >= 0 || text.indexOf('\0') >= 0) {
      throw new HttpFormatException(
          Problem.MALFORMED, "a bare CR or a NUL in " + what + ": " + HttpHead.shorten(text));
    }
    return text;
  }
}
