package dev.oncell.sandbox.http;

import dev.oncell.sandbox.http.HttpFormatException.Problem;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/** Reads a message body by its {@link BodyFraming}, decoding chunks, never past a limit. */
public final class HttpBody {

  /** The most a chunk size line may take, extensions included. */
  static final int CHUNK_LINE_LIMIT = 4096;

  /** The most the trailer section of a chunked body may take. */
  static final int TRAILER_LIMIT = 64 * 1024;

  private static final int BUFFER = 64 * 1024;

  private HttpBody() {}

  /**
   * Copies the body to {@code out}, decoded (without chunk framing or trailers).
   *
   * @return the bytes copied
   * @throws BodyTooLargeException as soon as the body is known to be over {@code limit} bytes: a
   *     {@code Content-Length} over it before anything is copied
   * @throws HttpFormatException MALFORMED for a bad chunk size line or a chunk not followed by a
   *     line end; TRUNCATED when the stream ends before the body does
   * @throws IOException when reading or writing fails
   */
  public static long copy(InputStream in, OutputStream out, BodyFraming framing, long limit)
      throws IOException {
    if (framing instanceof BodyFraming.None) {
      return 0;
    }
    if (framing instanceof BodyFraming.Length length) {
      if (length.bytes() > limit) {
        throw new BodyTooLargeException(limit);
      }
      copyExactly(in, out, length.bytes());
      return length.bytes();
    }
    if (framing instanceof BodyFraming.Chunked) {
      return copyChunked(in, out, limit);
    }
    long total = 0;
    byte[] buffer = new byte[BUFFER];
    for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
      total += n;
      if (total > limit) {
        throw new BodyTooLargeException(limit);
      }
      out.write(buffer, 0, n);
    }
    return total;
  }

  private static long copyChunked(InputStream in, OutputStream out, long limit) throws IOException {
    long total = 0;
    for (long size = chunkSize(in); size > 0; size = chunkSize(in)) {
      if (size > limit - total) {
        throw new BodyTooLargeException(limit);
      }
      total += size;
      copyExactly(in, out, size);
      lineEnd(in);
    }
    LineReader trailers = new LineReader(in, TRAILER_LIMIT, "the trailer section");
    while (true) {
      String line = trailers.next();
      if (line == null) {
        throw new HttpFormatException(
            Problem.TRUNCATED, "the connection ended before the end of the chunked body");
      }
      if (line.isEmpty()) {
        break; // Trailer fields before it are read and dropped.
      }
    }
    return total;
  }

  /** The size of the next chunk: hex digits, then optional extensions after a ';'. */
  private static long chunkSize(InputStream in) throws IOException {
    String line = new LineReader(in, CHUNK_LINE_LIMIT, "a chunk size line").next();
    if (line == null) {
      throw new HttpFormatException(
          Problem.TRUNCATED, "the connection ended before the end of the chunked body");
    }
    int semicolon = line.indexOf(';');
    String hex = (semicolon >= 0 ? line.substring(0, semicolon) : line).strip();
    if (!hex.matches("[0-9A-Fa-f]{1,15}")) {
      throw new HttpFormatException(
          Problem.MALFORMED, "invalid chunk size: " + HttpHead.shorten(line));
    }
    return Long.parseLong(hex, 16);
  }

  /** The CRLF (or LF) right after a chunk's data. */
  private static void lineEnd(InputStream in) throws IOException {
    int b = in.read();
    if (b == '\r') {
      b = in.read();
    }
    if (b < 0) {
      throw new HttpFormatException(Problem.TRUNCATED, "the connection ended after a chunk");
    }
    if (b != '\n') {
      throw new HttpFormatException(Problem.MALFORMED, "a chunk is longer than its size");
    }
  }

  private static void copyExactly(InputStream in, OutputStream out, long size) throws IOException {
    byte[] buffer = new byte[BUFFER];
    long left = size;
    while (left > 0) {
      int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
      if (n < 0) {
        throw new HttpFormatException(
            Problem.TRUNCATED, "the connection ended " + left + " bytes before the body did");
      }
      out.write(buffer, 0, n);
      left -= n;
    }
  }
}
