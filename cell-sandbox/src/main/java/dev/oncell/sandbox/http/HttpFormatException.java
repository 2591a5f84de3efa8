package dev.oncell.sandbox.http;

import java.io.IOException;

/**
 * An HTTP/1 message that this codec refuses to read: a malformed line, a head over its limit, or a
 * stream that ended inside a head or a body. The message says what was wrong, in words fit for a
 * log line or an error answer.
 */
public final class HttpFormatException extends IOException {

  /** What was wrong, so that a server can pick its answer (400 or 431). */
  public enum Problem {
    /** A line breaks the grammar: a bad start line or field line, obs-fold, a bare CR, a NUL. */
    MALFORMED,
    /** The head is longer than the limit it was read with. */
    TOO_LARGE,
    /** The stream ended inside a head or before the end of a body. */
    TRUNCATED
  }

  private final Problem problem;

  public HttpFormatException(Problem problem, String message) {
    super(message);
    this.problem = problem;
  }

  public Problem problem() {
    return problem;
  }
}
