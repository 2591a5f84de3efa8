package dev.oncell.search;

import dev.oncell.agent.ErrorKind;
import dev.oncell.agent.Failure;
import java.util.Objects;

/**
 * The root of this module's failures, in oncell's one {@link Failure} shape. {@link #invalid()}
 * marks a bad request (empty query, invalid regex or glob, topK out of range), {@link #stopped()}
 * work stopped by its {@link Budget}, anything else an I/O fault of the index; {@link #code()} says
 * which, for callers that answer with an error code, and {@link #kind()} how to answer.
 */
public class SearchException extends RuntimeException implements Failure {

  private final boolean invalid;
  private final String code;

  public SearchException(String message, boolean invalid) {
    this(invalid ? "invalid_request" : "index_failed", message, invalid, null);
  }

  public SearchException(String message, boolean invalid, Throwable cause) {
    this(invalid ? "invalid_request" : "index_failed", message, invalid, cause);
  }

  private SearchException(String code, String message, boolean invalid, Throwable cause) {
    super(message, cause);
    this.code = Objects.requireNonNull(code, "code");
    this.invalid = invalid;
  }

  /**
   * A bad request, with a code such as {@code invalid_query}, {@code invalid_regex}, {@code
   * invalid_glob}, {@code invalid_path} or {@code invalid_top_k}.
   */
  public static SearchException invalid(String code, String message) {
    return new SearchException(code, message, true, null);
  }

  /**
   * A regex or query too costly to run: invalid, with the code {@code pattern_too_complex} and a
   * message naming the limit.
   */
  public static SearchException tooComplex(String message) {
    return new SearchException("pattern_too_complex", message, true, null);
  }

  /** The work ran past its {@link Budget}: not invalid, code {@code search_timeout}. */
  public static SearchException timeout(String message) {
    return new SearchException("search_timeout", message, false, null);
  }

  /** The work was stopped by {@link Budget#cancel()}: not invalid, code {@code cancelled}. */
  public static SearchException cancelled(String message) {
    return new SearchException("cancelled", message, false, null);
  }

  /** Whether the work was stopped by its {@link Budget} (timed out or cancelled). */
  public boolean stopped() {
    return code.equals("search_timeout") || code.equals("cancelled");
  }

  public boolean invalid() {
    return invalid;
  }

  /**
   * {@link ErrorKind#INVALID} for a bad request, {@link ErrorKind#UNAVAILABLE} (retryable) for work
   * stopped by its budget, {@link ErrorKind#INTERNAL} for a fault of the index.
   */
  @Override
  public ErrorKind kind() {
    if (invalid) {
      return ErrorKind.INVALID;
    }
    return stopped() ? ErrorKind.UNAVAILABLE : ErrorKind.INTERNAL;
  }

  /** A stable machine-readable reason. */
  @Override
  public String code() {
    return code;
  }
}
