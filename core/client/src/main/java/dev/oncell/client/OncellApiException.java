package dev.oncell.client;

import java.util.Objects;

/**
 * A call to the oncell API failed. The root (and only) exception of this module.
 *
 * <p>{@link #status()} is the HTTP status of the response, or 0 when no response arrived. {@link
 * #code()} is the server's machine-readable error code (for example {@code not_found}), {@code
 * http_<status>} when the error body was not oncell's JSON error format, or one of {@code
 * unreachable}, {@code timeout}, {@code interrupted}, {@code disconnected} (an event stream broke
 * before the run's last event) and {@code bad_response} for failures on the client side.
 */
public final class OncellApiException extends RuntimeException {

  private final int status;
  private final String code;

  public OncellApiException(int status, String code, String message) {
    super(Objects.requireNonNull(message, "message"));
    this.status = status;
    this.code = Objects.requireNonNull(code, "code");
  }

  OncellApiException(int status, String code, String message, Throwable cause) {
    this(status, code, message);
    initCause(cause);
  }

  /** The HTTP status, or 0 when the server could not be reached or did not answer in time. */
  public int status() {
    return status;
  }

  /** The machine-readable error code. */
  public String code() {
    return code;
  }

  /**
   * Whether repeating the same call later may succeed: the server was unreachable or overloaded, or
   * its disk was full (507 {@code disk_full}). Everything else (bad input, missing customer, wrong
   * key) is terminal.
   */
  public boolean retryable() {
    return status == 0 && !code.equals("interrupted")
        || status == 429
        || status == 502
        || status == 503
        || status == 504
        || status == 507;
  }
}
