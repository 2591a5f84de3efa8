package dev.oncell.sandbox;

import dev.oncell.sandbox.internal.bwrap.BubblewrapBackend;
import dev.oncell.sandbox.internal.process.UnisolatedBackend;
import dev.oncell.sandbox.internal.runsc.RunscBackend;
import java.nio.file.Path;
import java.util.List;

/**
 * A kind of isolation: bubblewrap, gVisor, or none. A backend opens one {@link Sandbox} per active
 * cell.
 *
 * <p>Implementations must pass {@code SandboxContract} (shipped in this module's test jar).
 */
public interface SandboxBackend {

  /**
   * The name operators use to pick the backend: {@code gvisor}, {@code bubblewrap}, {@code none}.
   */
  String name();

  /** Whether this backend isolates commands from the host and from each other. */
  boolean isolated();

  /**
   * Checks that the backend can run on this machine.
   *
   * @throws SandboxException (terminal) naming what is missing and how to install it
   */
  void verify();

  /**
   * Opens the sandbox of one cell. Cheap for backends that start a process per command. With a disk
   * quota ({@link SandboxLimits#diskBytes()} above 0) the cell's work folder becomes a filesystem
   * of that size the first time (files already there are moved into it), and stays mounted until
   * {@link #release}.
   *
   * @throws SandboxException (terminal) for limits this host cannot enforce, for example a disk
   *     quota when not running as root, or a quota smaller than the cell's existing disk
   */
  Sandbox open(SandboxSpec spec);

  /**
   * Frees what the backend keeps for a cell between {@link #open}s: unmounts its disk, whose files
   * stay in its image under the state folder and come back at the next open. Call it before
   * deleting a cell's folders and at host shutdown; close the cell's sandbox first. Does nothing
   * for a cell that holds nothing.
   *
   * @throws SandboxException (retryable) when the disk is still busy
   */
  default void release(SandboxSpec spec) {}

  /**
   * The bubblewrap backend: a fresh set of namespaces per command.
   *
   * @param runtimeDir a private folder where the backend keeps the minimal {@code /etc} it mounts
   */
  static SandboxBackend bubblewrap(Path runtimeDir) {
    return new BubblewrapBackend(runtimeDir);
  }

  /**
   * The gVisor backend: one long-lived {@code runsc} sandbox per active cell, started on its first
   * command, each command a {@code runsc exec} into it.
   *
   * @param runtimeDir a private folder for the backend's runsc state and minimal {@code /etc};
   *     {@link #verify()} removes every container it finds there
   */
  static SandboxBackend gvisor(Path runtimeDir) {
    return new RunscBackend(runtimeDir);
  }

  /** Plain host processes with no isolation at all. Only for machines without bubblewrap. */
  static SandboxBackend none() {
    return new UnisolatedBackend();
  }

  /** The names {@link #byName} accepts. */
  static List<String> names() {
    return List.of("gvisor", "bubblewrap", "none");
  }

  /**
   * Looks a backend up by its operator-facing name.
   *
   * @throws SandboxException (terminal) for an unknown name
   */
  static SandboxBackend byName(String name, Path runtimeDir) {
    return switch (name) {
      case "gvisor", "runsc" -> gvisor(runtimeDir);
      case "bubblewrap", "bwrap" -> bubblewrap(runtimeDir);
      case "none" -> none();
      default ->
          throw new SandboxException(
              "unknown sandbox backend '" + name + "'; choose one of " + names(), false);
    };
  }
}
