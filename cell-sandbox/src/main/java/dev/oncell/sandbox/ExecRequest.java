package dev.oncell.sandbox;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One command to run in a sandbox.
 *
 * @param command a shell command line, run by {@code /bin/bash -c} (or {@code /bin/sh})
 * @param timeout after this the whole process tree is killed
 * @param env variables added to the sandbox's clean environment
 * @param stdin written to standard input, which is then closed
 * @param cwd working folder relative to {@code /work}, already checked not to escape it
 * @param outputLimitBytes cap on each of stdout and stderr
 * @param listener receives output lines as they come
 */
public record ExecRequest(
    String command,
    Duration timeout,
    Map<String, String> env,
    Optional<byte[]> stdin,
    String cwd,
    int outputLimitBytes,
    OutputListener listener) {

  public ExecRequest(
      String command,
      Duration timeout,
      Map<String, String> env,
      Optional<byte[]> stdin,
      String cwd,
      int outputLimitBytes) {
    this(command, timeout, env, stdin, cwd, outputLimitBytes, OutputListener.NONE);
  }

  public ExecRequest {
    Objects.requireNonNull(listener, "listener");
    Objects.requireNonNull(command, "command");
    Objects.requireNonNull(timeout, "timeout");
    env = Map.copyOf(Objects.requireNonNull(env, "env"));
    Objects.requireNonNull(stdin, "stdin");
    Objects.requireNonNull(cwd, "cwd");
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("timeout must be positive: " + timeout);
    }
    if (command.indexOf(0) >= 0) {
      throw new IllegalArgumentException("command contains a NUL character");
    }
    for (String name : env.keySet()) {
      if (!name.matches("[A-Za-z_][A-Za-z0-9_]*")) {
        throw new IllegalArgumentException("invalid environment variable name: " + name);
      }
    }
    if (outputLimitBytes < 1) {
      throw new IllegalArgumentException("outputLimitBytes must be positive: " + outputLimitBytes);
    }
  }

  /** A command with a timeout, no stdin, no extra variables, in /work, with a 1 MiB cap. */
  public static ExecRequest of(String command, Duration timeout) {
    return new ExecRequest(command, timeout, Map.of(), Optional.empty(), "", 1 << 20);
  }
}
