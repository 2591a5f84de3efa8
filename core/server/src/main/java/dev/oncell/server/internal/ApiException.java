package dev.oncell.server.internal;

import dev.oncell.agent.ErrorKind;
import dev.oncell.agent.Failure;
import java.util.Objects;

/** A failure of the HTTP layer itself: authentication, a malformed or oversized body. */
final class ApiException extends RuntimeException implements Failure {

  private final ErrorKind kind;
  private final String code;
  private final boolean clientGone;

  ApiException(ErrorKind kind, String code, String message) {
    this(kind, code, message, false);
  }

  private ApiException(ErrorKind kind, String code, String message, boolean clientGone) {
    super(message);
    this.kind = Objects.requireNonNull(kind, "kind");
    this.code = Objects.requireNonNull(code, "code");
    this.clientGone = clientGone;
  }

  static ApiException badRequest(String code, String message) {
    return new ApiException(ErrorKind.INVALID, code, message);
  }

  /** The client is gone (or was cut off): logged as one line, answered if the socket still is. */
  static ApiException clientGone(ErrorKind kind, String code, String message) {
    return new ApiException(kind, code, message, true);
  }

  boolean clientGone() {
    return clientGone;
  }

  @Override
  public ErrorKind kind() {
    return kind;
  }

  @Override
  public String code() {
    return code;
  }
}
