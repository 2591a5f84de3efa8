package dev.oncell.client;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.Objects;

/**
 * What a shell command in a cell produced.
 *
 * @param stdout captured standard output
 * @param stderr captured standard error
 * @param exitCode the process exit code
 * @param failed whether the command exited non-zero or timed out
 * @param timedOut whether the command was killed at its timeout
 * @param duration wall-clock run time (millisecond precision)
 * @param truncated whether either stream was cut at the server's output cap
 */
public record ShellResponse(
    String stdout,
    String stderr,
    int exitCode,
    boolean failed,
    boolean timedOut,
    Duration duration,
    boolean truncated) {

  public ShellResponse {
    Objects.requireNonNull(stdout, "stdout");
    Objects.requireNonNull(stderr, "stderr");
    Objects.requireNonNull(duration, "duration");
  }

  /** This response in the server's wire format. */
  public ObjectNode toJson() {
    return WireFormat.toJson(this);
  }
}
