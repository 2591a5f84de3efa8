package dev.oncell.server.internal;

/** A failure of the HTTP layer itself: authentication, a malformed or oversized body. */
final class ApiException extends RuntimeException {

  private final int status;
  private final String code;

  ApiException(int status, String code, String message) {
    super(message);
    this.status = status;
    this.code = code;
  }

  static ApiException badRequest(String code, String message) {
    return new ApiException(400, code, message);
  }

  int status() {
    return status;
  }

  String code() {
    return code;
  }
}
