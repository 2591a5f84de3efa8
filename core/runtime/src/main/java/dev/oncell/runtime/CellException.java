package dev.oncell.runtime;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Objects;
import java.util.Set;

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
    /**
     * The host's disk (or the cell's disk quota) is full: nothing was changed, and the same request
     * may succeed once space is freed. Code {@code disk_full}.
     */
    STORAGE_FULL,
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

  /**
   * A fault of the host; when {@code cause} is (or was caused by) a full disk or an exceeded disk
   * quota, the failure is {@link #diskFull} instead, so every store reports a full disk the same
   * way.
   */
  public static CellException internal(String message, Throwable cause) {
    if (isDiskFull(cause)) {
      return diskFull(message, cause);
    }
    return new CellException(Kind.INTERNAL, "internal", message, cause);
  }

  /** The disk is full: {@link Kind#STORAGE_FULL}, code {@code disk_full}, retryable. */
  public static CellException diskFull(String message, Throwable cause) {
    return new CellException(Kind.STORAGE_FULL, "disk_full", "the disk is full: " + message, cause);
  }

  /**
   * Whether {@code failure}, one of its causes or one of their suppressed exceptions is an I/O
   * error for a full disk ({@code ENOSPC}) or an exceeded quota ({@code EDQUOT}). The JDK reports
   * both only through the message, so that is what is matched.
   */
  public static boolean isDiskFull(Throwable failure) {
    Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    ArrayDeque<Throwable> todo = new ArrayDeque<>();
    if (failure != null) {
      todo.add(failure);
    }
    while (!todo.isEmpty() && seen.size() < 64) {
      Throwable t = todo.poll();
      if (!seen.add(t)) {
        continue;
      }
      if (t instanceof CellException c && c.kind == Kind.STORAGE_FULL) {
        return true;
      }
      String message = t.getMessage();
      if (t instanceof IOException
          && message != null
          && (message.contains("No space left on device")
              || message.contains("Disk quota exceeded"))) {
        return true;
      }
      if (t.getCause() != null) {
        todo.add(t.getCause());
      }
      todo.addAll(List.of(t.getSuppressed()));
    }
    return false;
  }

  public Kind kind() {
    return kind;
  }

  public String code() {
    return code;
  }

  /** Whether the same request may succeed if tried again later. */
  public boolean retryable() {
    return kind == Kind.UNAVAILABLE || kind == Kind.STORAGE_FULL;
  }
}
