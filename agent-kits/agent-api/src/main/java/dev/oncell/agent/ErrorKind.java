package dev.oncell.agent;

/**
 * What kind of failure a {@link Failure} is, from the caller's point of view: oncell's one
 * classification of errors across the host's modules (runtime, LLM routing, code search) and the
 * HTTP API. {@link #httpStatus()} is the one place where a kind becomes an HTTP status; {@link
 * #retryable()} says whether the same request may succeed later.
 */
public enum ErrorKind {
  /** The request is wrong; repeating it cannot help. */
  INVALID(400),
  /** No credentials, or credentials that are not valid (revoked, expired, unknown). */
  UNAUTHORIZED(401),
  /** Valid credentials that do not reach what was asked for. */
  FORBIDDEN(403),
  NOT_FOUND(404),
  /** The client took too long to send its request. */
  REQUEST_TIMEOUT(408),
  /** The request conflicts with the current state (a duplicate id, a folder in the way). */
  CONFLICT(409),
  /** The request is larger than allowed. */
  TOO_LARGE(413),
  /**
   * The request contradicts the earlier one it says it repeats: an idempotency key reused with
   * another method or input. Repeating it cannot help; use a new key.
   */
  MISMATCH(422),
  /** A fault of the host. */
  INTERNAL(500),
  /** A transient condition (busy, a timeout, a provider outage); the same request may succeed. */
  UNAVAILABLE(503),
  /**
   * The host's disk (or the cell's disk quota) is full: nothing was changed, and the same request
   * may succeed once space is freed. Code {@code disk_full}; HTTP 507 Insufficient Storage (RFC
   * 4918).
   */
  STORAGE_FULL(507);

  private final int httpStatus;

  ErrorKind(int httpStatus) {
    this.httpStatus = httpStatus;
  }

  /** The HTTP status the API answers a failure of this kind with. */
  public int httpStatus() {
    return httpStatus;
  }

  /**
   * Whether the same request may succeed if tried again later: {@link #UNAVAILABLE} and {@link
   * #STORAGE_FULL}.
   */
  public boolean retryable() {
    return this == UNAVAILABLE || this == STORAGE_FULL;
  }
}
