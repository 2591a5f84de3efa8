package dev.oncell.sandbox;

import java.time.Duration;
import java.util.Objects;

/**
 * What a command produced.
 *
 * @param exitCode the exit code; 128 + signal when killed by a signal, 137 at a timeout
 * @param truncated whether stdout or stderr was cut at the output limit
 */
public record ExecResult(
    String stdout,
    String stderr,
    int exitCode,
    boolean timedOut,
    boolean truncated,
    Duration duration) {

  public ExecResult {
    Objects.requireNonNull(stdout, "stdout");
    Objects.requireNonNull(stderr, "stderr");
    Objects.requireNonNull(duration, "duration");
  }
}
