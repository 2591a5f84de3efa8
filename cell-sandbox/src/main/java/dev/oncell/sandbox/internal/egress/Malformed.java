package dev.oncell.sandbox.internal.egress;

import dev.oncell.sandbox.http.HttpFormatException;

/** A request the proxy cannot take; {@link #status} is what to answer. */
final class Malformed extends Exception {

  private final int status;

  Malformed(int status, String message) {
    super(message);
    this.status = status;
  }

  /** A client's head the codec refused: 431 when it is too large, else 400. */
  static Malformed of(HttpFormatException e) {
    return new Malformed(
        e.problem() == HttpFormatException.Problem.TOO_LARGE ? 431 : 400, e.getMessage());
  }

  int status() {
    return status;
  }
}
