package dev.oncell.cli;

import java.util.Objects;

/** A failure on the CLI's side (no key, unreadable file, ...), printed as one line. */
public final class CliException extends RuntimeException {

  private final String code;
  private final int exitCode;

  public CliException(String message, String code, int exitCode) {
    super(Objects.requireNonNull(message, "message"));
    this.code = Objects.requireNonNull(code, "code");
    this.exitCode = exitCode;
  }

  CliException(String message, String code, int exitCode, Throwable cause) {
    this(message, code, exitCode);
    initCause(cause);
  }

  String code() {
    return code;
  }

  int exitCode() {
    return exitCode;
  }
}
