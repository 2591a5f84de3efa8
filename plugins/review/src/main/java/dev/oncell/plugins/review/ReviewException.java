package dev.oncell.plugins.review;

import dev.oncell.agent.ErrorKind;
import dev.oncell.agent.Failure;

/**
 * A review that cannot be done as asked: bad input or bad review rules. It implements {@link
 * Failure}, so the run ends with its code and message instead of a generic error, and is never
 * retried (nothing changes by trying again).
 */
public final class ReviewException extends RuntimeException implements Failure {

  private final String code;

  ReviewException(String code, String message) {
    super(message);
    this.code = code;
  }

  @Override
  public String code() {
    return code;
  }

  @Override
  public ErrorKind kind() {
    return ErrorKind.INVALID;
  }

  @Override
  public boolean retryable() {
    return false;
  }
}
