package dev.oncell.sandbox.internal.process;

import dev.oncell.sandbox.ExecRequest;
import dev.oncell.sandbox.ExecResult;
import dev.oncell.sandbox.OutputListener;
import dev.oncell.sandbox.SandboxException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Runs one host process for a backend: feeds stdin, pumps both output streams into {@link
 * CappedOutput}s, enforces the timeout and asks the backend to kill the whole tree.
 */
public final class ProcessRunner {

  /**
   * How the backend ends every process a command started. Called on timeout and after exit; it must
   * kill through {@link ProcessHandle}, never {@link Process#destroy}, which closes the output
   * pipes before they are drained.
   */
  public interface TreeKiller {
    void killTree(Process process);
  }

  static final int TIMEOUT_EXIT_CODE = 137;
  private static final Duration PUMP_GRACE = Duration.ofSeconds(2);

  private ProcessRunner() {}

  public static ExecResult run(ProcessBuilder builder, ExecRequest request, TreeKiller killer) {
    long start = System.nanoTime();
    Process process;
    try {
      process = builder.start();
    } catch (IOException e) {
      throw new SandboxException("cannot start sandboxed command: " + e.getMessage(), false, e);
    }
    CappedOutput stdout =
        new CappedOutput(
            request.outputLimitBytes(), OutputListener.Stream.STDOUT, request.listener());
    CappedOutput stderr =
        new CappedOutput(
            request.outputLimitBytes(), OutputListener.Stream.STDERR, request.listener());
    Thread outPump = pump("sandbox-stdout-" + process.pid(), process.getInputStream(), stdout);
    Thread errPump = pump("sandbox-stderr-" + process.pid(), process.getErrorStream(), stderr);
    feedStdin(process, request);

    boolean timedOut = false;
    try {
      if (!process.waitFor(request.timeout().toNanos(), TimeUnit.NANOSECONDS)) {
        timedOut = true;
      }
    } catch (InterruptedException e) {
      // Kill first, with the interrupt flag clear: a killer that waits for a helper (runsc kill)
      // would otherwise give up at once and leave the command running.
      killer.killTree(process);
      Thread.currentThread().interrupt();
      throw new SandboxException("interrupted while running a command", true, e);
    }
    // Always end the tree: at a timeout to stop it, after a normal exit to reap leftovers.
    killer.killTree(process);
    try {
      process.waitFor();
      outPump.join(PUMP_GRACE);
      errPump.join(PUMP_GRACE);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    int exitCode = timedOut ? TIMEOUT_EXIT_CODE : process.exitValue();
    return new ExecResult(
        stdout.text(),
        stderr.text(),
        exitCode,
        timedOut,
        stdout.truncated() || stderr.truncated(),
        Duration.ofNanos(System.nanoTime() - start));
  }

  private static Thread pump(String name, InputStream in, CappedOutput sink) {
    return Thread.ofVirtual()
        .name(name)
        .start(
            () -> {
              try (in) {
                sink.readFrom(in);
              } catch (IOException e) {
                // The process went away; what was read so far is the output.
              }
            });
  }

  private static void feedStdin(Process process, ExecRequest request) {
    OutputStream stdin = process.getOutputStream();
    if (request.stdin().isEmpty()) {
      closeQuietly(stdin);
      return;
    }
    byte[] bytes = request.stdin().get();
    // A separate thread: a command that never reads its stdin must not block us.
    Thread.ofVirtual()
        .name("sandbox-stdin-" + process.pid())
        .start(
            () -> {
              try (stdin) {
                stdin.write(bytes);
              } catch (IOException e) {
                // The command closed its stdin early; that is its business.
              }
            });
  }

  private static void closeQuietly(OutputStream out) {
    try {
      out.close();
    } catch (IOException e) {
      // nothing to do
    }
  }
}
