package dev.oncell.runtime;

import java.util.Objects;

/**
 * The root of the runtime's failures. {@link #kind()} tells callers (the HTTP layer, the CLI) how
 * to answer; {@link #code()} is a stable machine-readable reason such as {@code invalid_path}.
 */
public class CellException extends RuntimeException {

  /** What went wrong, from the caller's point of view. */
  public enum Kind {
    /** The request is wrong; repeating it cannot help. */
    INVALID,
    NOT_FOUND,
    /** The request conflicts with the current state (a duplicate id, a folder in the way). */
    CONFLICT,
    /**
     * The request contradicts the earlier one it says it repeats: an idempotency key reused with
     * another method or input. Repeating it cannot help; use a new key.
     */
    MISMATCH,
    /** A transient condition; the same request may succeed later. */
    UNAVAILABLE,
    /** A fault of the host. */
    INTERNAL
  }

  private final Kind kind;
  private final String code;

  public CellException(Kind kind, String code, String message) {
    this(kind, code, message, null);
  }

  public CellException(Kind kind, String code, String message, Throwable cause) {
    super(message, cause);
    this.kind = Objects.requireNonNull(kind, "kind");
    this.code = Objects.requireNonNull(code, "code");
  }

  public static CellException invalid(String code, String message) {
    return new CellException(Kind.INVALID, code, message);
  }

  public static CellException notFound(String code, String message) {
    return new CellException(Kind.NOT_FOUND, code, message);
  }

  public static CellException conflict(String code, String message) {
    return new CellException(Kind.CONFLICT, code, message);
  }

  public static CellException mismatch(String code, String message) {
    return new CellException(Kind.MISMATCH, code, message);
  }

  public static CellException internal(String message, Throwable cause) {
    return new CellException(Kind.INTERNAL, "internal", message, cause);
  }

  public Kind kind() {
    return kind;
  }

  public String code() {
    return code;
  }

  /** Whether the same request may succeed if tried again later. */
  public boolean retryable() {
    return kind == Kind.UNAVAILABLE;
  }
}
