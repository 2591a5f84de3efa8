package dev.oncell.client;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/** Percent-encoding of URL path segments (RFC 3986): everything but unreserved characters. */
final class PathSegments {

  private static final char[] HEX = "0123456789ABCDEF".toCharArray();

  private PathSegments() {}

  /**
   * {@code value} as one path segment: {@code /} and every other reserved character is encoded.
   *
   * @throws IllegalArgumentException if {@code value} is empty, since that would change the route
   */
  static String segment(String what, String value) {
    Objects.requireNonNull(value, what);
    if (value.isEmpty()) {
      throw new IllegalArgumentException(what + " must not be empty");
    }
    return encode(value);
  }

  /**
   * A relative file path: each {@code /}-separated segment encoded on its own, separators kept,
   * leading separators dropped. The empty path stays empty.
   */
  static String path(String value) {
    Objects.requireNonNull(value, "path");
    int start = 0;
    while (start < value.length() && value.charAt(start) == '/') {
      start++;
    }
    StringBuilder out = new StringBuilder();
    String[] segments = value.substring(start).split("/", -1);
    for (int i = 0; i < segments.length; i++) {
      if (i > 0) {
        out.append('/');
      }
      out.append(encode(segments[i]));
    }
    return out.toString();
  }

  private static String encode(String value) {
    StringBuilder out = new StringBuilder(value.length());
    for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
      int c = b & 0xFF;
      if (isUnreserved(c)) {
        out.append((char) c);
      } else {
        out.append('%').append(HEX[c >> 4]).append(HEX[c & 0xF]);
      }
    }
    return out.toString();
  }

  private static boolean isUnreserved(int c) {
    return c >= 'a' && c <= 'z'
        || c >= 'A' && c <= 'Z'
        || c >= '0' && c <= '9'
        || c == '-'
        || c == '.'
        || c == '_'
        || c == '~';
  }
}
