package dev.oncell.agent;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Options of one shell command. Build with {@link #defaults()} and the {@code with...} methods.
 *
 * @param timeout how long the command may run before its whole process tree is killed; empty means
 *     the host's default
 * @param env extra environment variables; the sandbox starts from a clean environment
 * @param stdin bytes written to the command's standard input, which is then closed
 * @param cwd working directory relative to the cell's {@code /work}; empty string means /work
 */
public record ShellOptions(
    Optional<Duration> timeout, Map<String, String> env, Optional<byte[]> stdin, String cwd) {

  public ShellOptions {
    Objects.requireNonNull(timeout, "timeout");
    env = Map.copyOf(Objects.requireNonNull(env, "env"));
    Objects.requireNonNull(stdin, "stdin");
    Objects.requireNonNull(cwd, "cwd");
  }

  public static ShellOptions defaults() {
    return new ShellOptions(Optional.empty(), Map.of(), Optional.empty(), "");
  }

  public ShellOptions withTimeout(Duration value) {
    return new ShellOptions(Optional.of(value), env, stdin, cwd);
  }

  public ShellOptions withEnv(Map<String, String> value) {
    return new ShellOptions(timeout, value, stdin, cwd);
  }

  public ShellOptions withStdin(byte[] value) {
    return new ShellOptions(timeout, env, Optional.of(value.clone()), cwd);
  }

  public ShellOptions withCwd(String value) {
    return new ShellOptions(timeout, env, stdin, value);
  }
}
