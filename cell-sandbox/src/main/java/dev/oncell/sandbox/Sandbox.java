package dev.oncell.sandbox;

/**
 * The isolated environment of one cell. Commands see the cell's work folder at {@code /work} and
 * nothing else that is writable.
 *
 * <p>Contract for {@link #exec}: the command runs with {@code /work} (or the request's cwd under
 * it) as working directory, a clean environment plus the request's variables, and no network (or,
 * when the spec has an egress socket, only the cell's egress proxy as {@code HTTP(S)_PROXY}); when
 * it exits, or at its timeout, every process it started is gone, background and {@code setsid}
 * children included; each output stream is capped at the request's limit and cut with a marker. A
 * command that cannot start throws {@link SandboxException}; a command that fails is a result with
 * a non-zero exit code, not an exception.
 */
public interface Sandbox extends AutoCloseable {

  ExecResult exec(ExecRequest request);

  /**
   * What the cell uses now and the limits in force, as far as the backend can tell; never throws
   * for a value it cannot read, which is left empty instead.
   */
  default SandboxUsage usage() {
    return SandboxUsage.unknown();
  }

  /**
   * Releases what the sandbox holds (its cgroup). Commands running at that moment are killed. A
   * cell's disk stays mounted: see {@link SandboxBackend#release}.
   */
  @Override
  void close();
}
