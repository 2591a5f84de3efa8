package dev.oncell.agent;

import java.time.Duration;
import java.util.Objects;

/**
 * What a shell command in a cell produced.
 *
 * @param stdout captured standard output, truncated with a marker if it exceeded the cap
 * @param stderr captured standard error, truncated likewise
 * @param exitCode the process exit code; 137 when the command was killed at its timeout
 * @param timedOut whether the command was killed because it ran past its timeout
 * @param truncated whether either stream was cut at the output cap
 * @param duration wall-clock time from start to the end of the whole process tree
 */
public record ShellResult(
    String stdout,
    String stderr,
    int exitCode,
    boolean timedOut,
    boolean truncated,
    Duration duration) {

  public ShellResult {
    Objects.requireNonNull(stdout, "stdout");
    Objects.requireNonNull(stderr, "stderr");
    Objects.requireNonNull(duration, "duration");
  }

  /** A command failed when it exited non-zero or was killed at its timeout. */
  public boolean failed() {
    return exitCode != 0 || timedOut;
  }
}
