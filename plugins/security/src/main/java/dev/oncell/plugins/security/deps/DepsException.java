package dev.oncell.plugins.security.deps;

import dev.oncell.agent.ErrorKind;
import dev.oncell.agent.Failure;

/**
 * An import or scan that cannot be done as asked: a corrupt OSV archive, an unknown ecosystem. It
 * implements {@link Failure}, so the run ends with its code and message, and is never retried.
 */
public final class DepsException extends RuntimeException implements Failure {

  private final ErrorKind kind;
  private final String code;

  DepsException(ErrorKind kind, String code, String message) {
    super(message);
    this.kind = kind;
    this.code = code;
  }

  static DepsException invalid(String code, String message) {
    return new DepsException(ErrorKind.INVALID, code, message);
  }

  @Override
  public ErrorKind kind() {
    return kind;
  }

  @Override
  public String code() {
    return code;
  }

  @Override
  public boolean retryable() {
    return false;
  }
}
