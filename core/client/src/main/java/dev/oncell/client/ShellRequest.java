package dev.oncell.client;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One shell command to run in a customer's cell. Start with {@link #of(String)} and add options
 * with the {@code with...} methods; each returns a new request.
 *
 * @param command the command line, run by the cell's shell
 * @param timeout how long the command may run; empty means the server's default
 * @param stdin text written to the command's standard input
 * @param env extra environment variables
 * @param cwd working directory relative to the cell's root; empty means the root
 */
public record ShellRequest(
    String command,
    Optional<Duration> timeout,
    Optional<String> stdin,
    Map<String, String> env,
    Optional<String> cwd) {

  public ShellRequest {
    Objects.requireNonNull(command, "command");
    Objects.requireNonNull(timeout, "timeout");
    timeout.ifPresent(ShellRequest::requirePositive);
    Objects.requireNonNull(stdin, "stdin");
    env = Map.copyOf(Objects.requireNonNull(env, "env"));
    Objects.requireNonNull(cwd, "cwd");
  }

  /** A request for {@code command} with every option left to the server's defaults. */
  public static ShellRequest of(String command) {
    return new ShellRequest(
        command, Optional.empty(), Optional.empty(), Map.of(), Optional.empty());
  }

  /** The same request with a timeout (sent in whole milliseconds). */
  public ShellRequest withTimeout(Duration value) {
    return new ShellRequest(command, Optional.of(value), stdin, env, cwd);
  }

  /** The same request with {@code value} written to the command's standard input. */
  public ShellRequest withStdin(String value) {
    return new ShellRequest(command, timeout, Optional.of(value), env, cwd);
  }

  /** The same request with these extra environment variables (replacing earlier ones). */
  public ShellRequest withEnv(Map<String, String> value) {
    return new ShellRequest(command, timeout, stdin, value, cwd);
  }

  /** The same request run in {@code value}, a directory relative to the cell's root. */
  public ShellRequest withCwd(String value) {
    return new ShellRequest(command, timeout, stdin, env, Optional.of(value));
  }

  private static void requirePositive(Duration timeout) {
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("timeout must be positive: " + timeout);
    }
  }
}
