package dev.oncell.runtime.internal.egress;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The head of an HTTP/1.x response as {@code ctx.upload} reads it (status and headers, names in
 * lower case, the last of repeated ones), and its body: by {@code Content-Length}, chunked, or up
 * to the end of the connection, never more than a limit.
 */
record HttpMessage(int status, String statusLine, Map<String, String> headers) {

  static final int HEAD_LIMIT = 64 * 1024;

  /** Thrown when a body is longer than the limit it is read with. */
  static final class TooLargeException extends IOException {
    TooLargeException(String message) {
      super(message);
    }
  }

  /**
   * Reads a response head, byte by byte, so that nothing after it is consumed.
   *
   * @throws IOException for a malformed head, one over {@link #HEAD_LIMIT}, or an early end
   */
  static HttpMessage read(InputStream in) throws IOException {
    String statusLine = line(in);
    String[] parts = statusLine.split(" ", 3);
    if (parts.length < 2 || !parts[0].startsWith("HTTP/1.") || !parts[1].matches("\\d{3}")) {
      throw new IOException("not an HTTP/1.x response: " + shorten(statusLine));
    }
    Map<String, String> headers = new HashMap<>();
    int total = statusLine.length();
    for (String line = line(in); !line.isEmpty(); line = line(in)) {
      total += line.length();
      if (total > HEAD_LIMIT) {
        throw new IOException("the response head is over " + HEAD_LIMIT + " bytes");
      }
      int colon = line.indexOf(':');
      if (colon > 0) {
        headers.put(
            line.substring(0, colon).trim().toLowerCase(Locale.ROOT),
            line.substring(colon + 1).trim());
      }
    }
    return new HttpMessage(Integer.parseInt(parts[1]), statusLine, headers);
  }

  Optional<String> header(String name) {
    return Optional.ofNullable(headers.get(name));
  }

  /**
   * Copies the body to {@code out}.
   *
   * @return the bytes copied
   * @throws TooLargeException as soon as the body is known to be over {@code limit} bytes
   */
  long copyBody(InputStream in, OutputStream out, long limit) throws IOException {
    if (header("transfer-encoding")
        .map(v -> v.toLowerCase(Locale.ROOT).contains("chunked"))
        .orElse(false)) {
      long total = 0;
      for (long size = chunkSize(in); size > 0; size = chunkSize(in)) {
        total += size;
        checkLimit(total, limit);
        copy(in, out, size);
        line(in); // the CRLF after the chunk
      }
      while (!line(in).isEmpty()) {
        // trailers: ignored
      }
      return total;
    }
    Optional<String> length = header("content-length");
    if (length.isPresent()) {
      long size;
      try {
        size = Long.parseLong(length.get());
      } catch (NumberFormatException e) {
        throw new IOException("invalid Content-Length: " + shorten(length.get()));
      }
      checkLimit(size, limit);
      copy(in, out, size);
      return size;
    }
    long total = 0;
    byte[] buffer = new byte[64 * 1024];
    for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
      total += n;
      checkLimit(total, limit);
      out.write(buffer, 0, n);
    }
    return total;
  }

  /** The first bytes of the body as text, for an error message. */
  String bodySnippet(InputStream in) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      copyBody(in, out, 4096);
    } catch (IOException e) {
      // What was read so far is enough for a message.
    }
    return shorten(out.toString(StandardCharsets.UTF_8).strip());
  }

  private static void checkLimit(long size, long limit) throws TooLargeException {
    if (size > limit) {
      throw new TooLargeException("the body is over the limit of " + limit + " bytes");
    }
  }

  private static long chunkSize(InputStream in) throws IOException {
    String line = line(in);
    int semicolon = line.indexOf(';');
    String hex = (semicolon >= 0 ? line.substring(0, semicolon) : line).trim();
    try {
      long size = Long.parseLong(hex, 16);
      if (size < 0) {
        throw new NumberFormatException();
      }
      return size;
    } catch (NumberFormatException e) {
      throw new IOException("invalid chunk size: " + shorten(line));
    }
  }

  private static void copy(InputStream in, OutputStream out, long size) throws IOException {
    byte[] buffer = new byte[64 * 1024];
    long left = size;
    while (left > 0) {
      int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
      if (n < 0) {
        throw new EOFException("the connection ended " + left + " bytes before the body did");
      }
      out.write(buffer, 0, n);
      left -= n;
    }
  }

  /** One line without its CRLF (or LF), at most {@link #HEAD_LIMIT} bytes. */
  private static String line(InputStream in) throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    for (int b = in.read(); b != '\n'; b = in.read()) {
      if (b < 0) {
        throw new EOFException("the connection ended in the middle of a response");
      }
      if (line.size() >= HEAD_LIMIT) {
        throw new IOException("a response line is over " + HEAD_LIMIT + " bytes");
      }
      line.write(b);
    }
    String text = line.toString(StandardCharsets.ISO_8859_1);
    return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
  }

  static String shorten(String text) {
    String flat = text.replaceAll("[\\r\\n]+", " ");
    return flat.length() <= 200 ? flat : flat.substring(0, 200) + "...";
  }
}
