package dev.oncell.plugins.security;

import dev.oncell.agent.ErrorKind;
import dev.oncell.agent.Failure;

/**
 * A scan, baseline or suppression that cannot be done as asked: bad input, a bad rule file, a
 * fingerprint that names no finding. It implements {@link Failure}, so the run ends with its code
 * and message, and it is never retried (nothing changes by trying again).
 */
public final class SecurityException extends RuntimeException implements Failure {

  private final String code;
  private final ErrorKind kind;

  SecurityException(ErrorKind kind, String code, String message) {
    super(message);
    this.kind = kind;
    this.code = code;
  }

  static SecurityException invalid(String code, String message) {
    return new SecurityException(ErrorKind.INVALID, code, message);
  }

  @Override
  public String code() {
    return code;
  }

  @Override
  public ErrorKind kind() {
    return kind;
  }

  @Override
  public boolean retryable() {
    return false;
  }
}
