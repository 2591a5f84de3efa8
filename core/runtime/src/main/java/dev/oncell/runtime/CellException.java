package dev.oncell.runtime;

import dev.oncell.agent.ErrorKind;
import dev.oncell.agent.Failure;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The root of the runtime's failures, in oncell's one {@link Failure} shape. {@link #kind()} tells
 * callers (the HTTP layer, the CLI) how to answer; {@link #code()} is a stable machine-readable
 * reason such as {@code invalid_path}. A failure of another module (LLM routing, code search)
 * becomes one by {@link #from}.
 */
public class CellException extends RuntimeException implements Failure {

  private final ErrorKind kind;
  private final String code;

  public CellException(ErrorKind kind, String code, String message) {
    this(kind, code, message, null);
  }

  public CellException(ErrorKind kind, String code, String message, Throwable cause) {
    super(message, cause);
    this.kind = Objects.requireNonNull(kind, "kind");
    this.code = Objects.requireNonNull(code, "code");
  }

  public static CellException invalid(String code, String message) {
    return new CellException(ErrorKind.INVALID, code, message);
  }

  public static CellException notFound(String code, String message) {
    return new CellException(ErrorKind.NOT_FOUND, code, message);
  }

  public static CellException conflict(String code, String message) {
    return new CellException(ErrorKind.CONFLICT, code, message);
  }

  public static CellException mismatch(String code, String message) {
    return new CellException(ErrorKind.MISMATCH, code, message);
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
    return new CellException(ErrorKind.INTERNAL, "internal", message, cause);
  }

  /** The disk is full: {@link ErrorKind#STORAGE_FULL}, code {@code disk_full}, retryable. */
  public static CellException diskFull(String message, Throwable cause) {
    return new CellException(
        ErrorKind.STORAGE_FULL, "disk_full", "the disk is full: " + message, cause);
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
      if (t instanceof CellException c && c.kind == ErrorKind.STORAGE_FULL) {
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

  /**
   * A failure of another module as the runtime reports it: the same kind, code and message, with
   * {@code failure} as the cause. An {@link ErrorKind#INTERNAL} one is {@link #internal} (code
   * {@code internal}, or {@code disk_full} when a full disk caused it).
   */
  public static <F extends RuntimeException & Failure> CellException from(F failure) {
    if (failure instanceof CellException c) {
      return c;
    }
    if (failure.kind() == ErrorKind.INTERNAL) {
      return internal(failure.getMessage(), failure);
    }
    return new CellException(failure.kind(), failure.code(), failure.getMessage(), failure);
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
