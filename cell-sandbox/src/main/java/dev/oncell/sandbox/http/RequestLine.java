package dev.oncell.sandbox.http;

import dev.oncell.sandbox.http.HttpFormatException.Problem;
import java.util.regex.Pattern;

/**
 * The start line of a request: {@code METHOD target HTTP/1.x}, single spaces, a method of 1 to 20
 * upper-case letters, a target without controls or spaces.
 */
public record RequestLine(String method, String target, String version) {

  private static final Pattern METHOD = Pattern.compile("[A-Z]{1,20}");
  private static final Pattern VERSION = Pattern.compile("HTTP/1\\.[01]");

  public RequestLine {
    if (!METHOD.matcher(method).matches()
        || target.isEmpty()
        || target.chars().anyMatch(c -> c <= ' ' || c == 0x7f || c > 0xff)
        || !VERSION.matcher(version).matches()) {
      throw new IllegalArgumentException(
          "not an HTTP/1.x request line: " + method + " " + target + " " + version);
    }
  }

  /**
   * @throws HttpFormatException (MALFORMED) saying what the line is
   */
  public static RequestLine parse(String line) throws HttpFormatException {
    String[] parts = line.split(" ", -1);
    try {
      if (parts.length == 3) {
        return new RequestLine(parts[0], parts[1], parts[2]);
      }
    } catch (IllegalArgumentException e) {
      // Reported below with the line as it came.
    }
    throw new HttpFormatException(
        Problem.MALFORMED, "not an HTTP/1.x request line: " + HttpHead.shorten(line));
  }

  @Override
  public String toString() {
    return method + " " + target + " " + version;
  }
}
