package dev.oncell.sandbox.http;

import java.io.IOException;

/** A body over the limit it is read with, thrown as soon as that is known. */
public final class BodyTooLargeException extends IOException {

  private final long limit;

  public BodyTooLargeException(long limit) {
    super("the body is over the limit of " + limit + " bytes");
    this.limit = limit;
  }

  public long limit() {
    return limit;
  }
}
