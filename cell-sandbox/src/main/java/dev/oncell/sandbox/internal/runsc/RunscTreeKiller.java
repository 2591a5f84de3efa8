package dev.oncell.sandbox.internal.runsc;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Ends every process of one {@code runsc exec}. The exec's first process ({@code unshare}, whose
 * sandbox-internal PID runsc writes to a file) forks the init of a fresh PID namespace; SIGKILL to
 * that init makes the kernel kill the whole namespace, {@code setsid} children included.
 *
 * <p>gVisor does not deliver {@code unshare --kill-child}'s parent-death signal, so the init is
 * killed by PID first, then {@code unshare}; an init whose {@code unshare} died before it could be
 * seen is re-parented to PID 1 ({@code tini}), where nothing but the idle process lives otherwise,
 * and is killed there.
 */
final class RunscTreeKiller {

  private static final int ROUNDS = 5;
  private static final long PID_FILE_WAIT_MS = 3000;

  private final Runsc runsc;
  private final String containerId;
  private final Path pidFile;

  RunscTreeKiller(Runsc runsc, String containerId, Path pidFile) {
    this.runsc = runsc;
    this.containerId = containerId;
    this.pidFile = pidFile;
  }

  void kill(Process exec) {
    // A normal exit: the namespace's init has exited, and the kernel has ended the rest with it.
    if (!exec.isAlive()) {
      return;
    }
    Optional<Integer> pid = internalPid(exec);
    for (int round = 0; round < ROUNDS && exec.isAlive(); round++) {
      List<Runsc.Proc> procs = runsc.ps(containerId);
      boolean found = false;
      for (Runsc.Proc p : procs) {
        boolean namespaceInit = pid.isPresent() && p.ppid() == pid.get();
        boolean orphanedInit = p.ppid() == 1 && !isIdle(p);
        if (namespaceInit || orphanedInit) {
          runsc.kill(containerId, p.pid());
          found = true;
        }
      }
      if (pid.isPresent()) {
        runsc.kill(containerId, pid.get());
      }
      if (!found && pid.isPresent()) {
        break;
      }
    }
    // An init forked just before its unshare was killed, and so not seen above.
    for (Runsc.Proc p : runsc.ps(containerId)) {
      if (p.ppid() == 1 && !isIdle(p)) {
        runsc.kill(containerId, p.pid());
      }
    }
    // runsc exec ends by itself once its process is gone; this is only for a wedged one.
    exec.toHandle().destroyForcibly();
  }

  /** tini's only child of its own: the idle process, started as the sandbox's root. */
  static boolean isIdle(Runsc.Proc p) {
    return p.uid() == 0 && p.command().equals("sleep");
  }

  private Optional<Integer> internalPid(Process exec) {
    long deadline = System.currentTimeMillis() + PID_FILE_WAIT_MS;
    while (true) {
      try {
        String text = Files.exists(pidFile) ? Files.readString(pidFile).strip() : "";
        if (!text.isEmpty()) {
          return Optional.of(Integer.parseInt(text));
        }
      } catch (IOException | NumberFormatException e) {
        // being written: try again
      }
      if (!exec.isAlive() || System.currentTimeMillis() > deadline) {
        return Optional.empty();
      }
      try {
        Thread.sleep(10);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return Optional.empty();
      }
    }
  }
}
