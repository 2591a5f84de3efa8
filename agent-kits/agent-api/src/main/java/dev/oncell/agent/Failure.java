package dev.oncell.agent;

/**
 * The one shape of oncell's failures: a {@link #kind()}, a stable machine-readable {@link #code()}
 * (such as {@code invalid_path} or {@code llm_rate_limited}), whether trying again may help, and a
 * message for people. The root exception of each host module implements it ({@code CellException},
 * {@code LlmException}, {@code SearchException}), so an agent can tell a retryable failure of a
 * {@link Context} call from a terminal one without naming host classes:
 *
 * <pre>{@code
 * catch (RuntimeException e) {
 *   if (e instanceof Failure f && f.retryable()) { ... }
 * }
 * }</pre>
 *
 * <p>Translating a failure from one module to another copies these four values; the HTTP API
 * answers with {@code kind().httpStatus()} and {@code {"error": {"code", "message"}}}.
 */
public interface Failure {

  /** What kind of failure this is; never {@code null}. */
  ErrorKind kind();

  /** A stable machine-readable reason; never {@code null}. */
  String code();

  /** Whether the same request may succeed later; by default that of {@link #kind()}. */
  default boolean retryable() {
    return kind().retryable();
  }

  /** A description for people (implemented by {@link Throwable}). */
  String getMessage();
}
