package dev.oncell.runtime.internal.cell;

import dev.oncell.agent.ErrorKind;
import dev.oncell.agent.ShellOptions;
import dev.oncell.agent.ShellResult;
import dev.oncell.runtime.CellException;
import dev.oncell.runtime.HostConfig;
import dev.oncell.sandbox.ExecRequest;
import dev.oncell.sandbox.ExecResult;
import dev.oncell.sandbox.OutputListener;
import dev.oncell.sandbox.SandboxException;
import java.time.Duration;

/**
 * One shell command of a cell: checked before the cell is woken (a bad request must not wake a
 * paused cell), run in the cell's sandbox once it is open.
 */
public record ShellCall(
    String command, ShellOptions options, OutputListener listener, Duration timeout) {

  private static final int MAX_COMMAND_LENGTH = 128 * 1024;

  /**
   * @throws CellException INVALID for an empty or too long command or a timeout out of range
   */
  static ShellCall check(
      String command, ShellOptions options, OutputListener listener, HostConfig config) {
    if (command.isBlank()) {
      throw CellException.invalid("invalid_command", "the command is empty");
    }
    if (command.length() > MAX_COMMAND_LENGTH) {
      throw CellException.invalid(
          "invalid_command", "the command is longer than " + MAX_COMMAND_LENGTH + " characters");
    }
    Duration timeout = options.timeout().orElse(config.defaultShellTimeout());
    if (timeout.isNegative()
        || timeout.isZero()
        || timeout.compareTo(config.maxShellTimeout()) > 0) {
      throw CellException.invalid(
          "invalid_timeout",
          "timeout must be between 1 ms and " + config.maxShellTimeout().toMillis() + " ms");
    }
    return new ShellCall(command, options, listener, timeout);
  }

  ShellResult run(CellHandles h, CellEnvironment env, CellPaths paths) {
    // The sandbox resolves cwd again inside the cell, where the cell's own links can only lead
    // to the cell's own files.
    String cwd = h.files().canonical(options.cwd());
    if (!h.files().isFolder(cwd)) {
      throw CellException.invalid("invalid_cwd", "cwd '" + options.cwd() + "' is not a folder");
    }
    ExecRequest request;
    try {
      request =
          new ExecRequest(
              command,
              timeout,
              options.env(),
              options.stdin(),
              cwd,
              env.config().shellOutputLimitBytes(),
              listener);
    } catch (IllegalArgumentException e) {
      throw CellException.invalid("invalid_command", e.getMessage());
    }
    ExecResult result;
    try {
      result = h.sandbox().exec(request);
    } catch (SandboxException e) {
      throw new CellException(
          e.retryable() ? ErrorKind.UNAVAILABLE : ErrorKind.INTERNAL,
          "sandbox_failed",
          e.getMessage(),
          e);
    }
    env.log(
        paths,
        "shell exit="
            + result.exitCode()
            + " timedOut="
            + result.timedOut()
            + " ms="
            + result.duration().toMillis());
    return new ShellResult(
        result.stdout(),
        result.stderr(),
        result.exitCode(),
        result.timedOut(),
        result.truncated(),
        result.duration());
  }
}
