package dev.oncell.server.internal;

/** A failure of the HTTP layer itself: authentication, a malformed or oversized body. */
final class ApiException extends RuntimeException {

  private final int status;
  private final String code;
  private final boolean clientGone;

  ApiException(int status, String code, String message) {
    this(status, code, message, false);
  }

  private ApiException(int status, String code, String message, boolean clientGone) {
    super(message);
    this.status = status;
    this.code = code;
    this.clientGone = clientGone;
  }

  static ApiException badRequest(String code, String message) {
    return new ApiException(400, code, message);
  }

  /** The client is gone (or was cut off): logged as one line, answered if the socket still is. */
  static ApiException clientGone(int status, String code, String message) {
    return new ApiException(status, code, message, true);
  }

  boolean clientGone() {
    return clientGone;
  }

  int status() {
    return status;
  }

  String code() {
    return code;
  }
}
