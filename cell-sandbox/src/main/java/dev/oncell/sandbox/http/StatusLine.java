package dev.oncell.sandbox.http;

import dev.oncell.sandbox.http.HttpFormatException.Problem;
import java.util.regex.Pattern;

/** The start line of a response: {@code HTTP/1.x NNN reason}, the reason possibly empty. */
public record StatusLine(String version, int status, String reason) {

  private static final Pattern VERSION = Pattern.compile("HTTP/1\\.[01]");
  private static final Pattern STATUS = Pattern.compile("[1-5][0-9][0-9]");

  public StatusLine {
    if (!VERSION.matcher(version).matches()
        || status < 100
        || status > 599
        || reason.chars().anyMatch(c -> (c < ' ' && c != '\t') || c == 0x7f || c > 0xff)) {
      throw new IllegalArgumentException(
          "not an HTTP/1.x status line: " + version + " " + status + " " + reason);
    }
  }

  /**
   * @throws HttpFormatException (MALFORMED) saying what the line is
   */
  public static StatusLine parse(String line) throws HttpFormatException {
    String[] parts = line.split(" ", 3);
    try {
      if (parts.length >= 2 && STATUS.matcher(parts[1]).matches()) {
        return new StatusLine(
            parts[0], Integer.parseInt(parts[1]), parts.length == 3 ? parts[2] : "");
      }
    } catch (IllegalArgumentException e) {
      // Reported below with the line as it came.
    }
    throw new HttpFormatException(
        Problem.MALFORMED, "not an HTTP/1.x status line: " + HttpHead.shorten(line));
  }

  /** A 1xx answer, which a final answer follows. */
  public boolean informational() {
    return status < 200;
  }

  /** The usual reason phrase of a status, "Error" for one this codec does not name. */
  public static String reasonPhrase(int status) {
    return switch (status) {
      case 200 -> "OK";
      case 400 -> "Bad Request";
      case 403 -> "Forbidden";
      case 404 -> "Not Found";
      case 411 -> "Length Required";
      case 431 -> "Request Header Fields Too Large";
      case 500 -> "Internal Server Error";
      case 502 -> "Bad Gateway";
      case 503 -> "Service Unavailable";
      case 504 -> "Gateway Timeout";
      default -> "Error";
    };
  }

  @Override
  public String toString() {
    return reason.isEmpty() ? version + " " + status : version + " " + status + " " + reason;
  }
}
