package dev.oncell.sandbox.internal;

import dev.oncell.sandbox.ExecRequest;
import dev.oncell.sandbox.ExecResult;
import dev.oncell.sandbox.Sandbox;
import dev.oncell.sandbox.SandboxException;
import dev.oncell.sandbox.SandboxSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One cell's gVisor sandbox. Opening it is free; the first command starts the container, and a
 * command finding it dead (killed by the host, out of memory) starts a new one, so the cell goes on
 * working. Thread-safe: commands may run concurrently, each in its own PID namespace.
 */
final class RunscSandbox implements Sandbox {

  private final SandboxSpec spec;
  private final Runsc runsc;
  private final String id;
  private final Path etc;
  private final String init;
  private final AtomicLong execCounter = new AtomicLong();
  private Optional<Long> sandboxPid = Optional.empty();
  private boolean closed;

  RunscSandbox(SandboxSpec spec, Runsc runsc, String id, Path etc, String init) {
    this.spec = spec;
    this.runsc = runsc;
    this.id = id;
    this.etc = etc;
    this.init = init;
  }

  @Override
  public ExecResult exec(ExecRequest request) {
    Path workDir = spec.workDir();
    Path cwd = workDir.resolve(request.cwd()).normalize();
    if (!cwd.startsWith(workDir) || !Files.isDirectory(cwd)) {
      throw new SandboxException("working folder does not exist: " + request.cwd(), false);
    }
    Map<String, String> env = new LinkedHashMap<>(Shells.baseEnvironment("/work"));
    env.putAll(request.env());
    String insideCwd = workDir.equals(cwd) ? "/work" : "/work/" + workDir.relativize(cwd);
    String process =
        OciBundle.process(List.of(Shells.hostShell(), "-c", request.command()), env, insideCwd);
    ensureRunning();
    Attempt first = attempt(process, request);
    // The sandbox died before the command could start (killed by the host, out of memory): start
    // a new one and run the command there. Never when it started: it must not run twice.
    if (!first.started() && !sandboxAlive()) {
      ensureRunning();
      return attempt(process, request).result();
    }
    return first.result();
  }

  private record Attempt(ExecResult result, boolean started) {}

  private Attempt attempt(String process, ExecRequest request) {
    Path execDir = spec.stateDir().resolve("exec");
    long n = execCounter.incrementAndGet();
    // The command and its variables go through a private file, never the host's command lines.
    Path processFile = execDir.resolve(n + ".json");
    Path pidFile = execDir.resolve(n + ".pid");
    try {
      Files.writeString(processFile, process);
      ProcessBuilder builder =
          new ProcessBuilder(
              runsc.command(
                  List.of(),
                  "exec",
                  "--process=" + processFile,
                  "--internal-pid-file=" + pidFile,
                  id));
      builder.environment().clear();
      ExecResult result =
          ProcessRunner.run(builder, request, p -> new RunscTreeKiller(runsc, id, pidFile).kill(p));
      return new Attempt(result, Files.exists(pidFile));
    } catch (IOException e) {
      throw new SandboxException("cannot write " + processFile, true, e);
    } finally {
      deleteQuietly(processFile);
      deleteQuietly(pidFile);
    }
  }

  private synchronized boolean sandboxAlive() {
    return sandboxPid.isPresent()
        && ProcessHandle.of(sandboxPid.get()).map(ProcessHandle::isAlive).orElse(false);
  }

  /** Starts the container unless it runs; a dead one is cleaned away and replaced. */
  private synchronized void ensureRunning() {
    if (closed) {
      throw new SandboxException("the sandbox of cell " + spec.id() + " is closed", false);
    }
    if (sandboxAlive()) {
      return;
    }
    runsc.destroy(id);
    Path bundle = spec.stateDir().resolve("bundle");
    try {
      Files.createDirectories(spec.stateDir());
      Path execDir = spec.stateDir().resolve("exec");
      Files.createDirectories(execDir);
      Files.setPosixFilePermissions(execDir, PosixFilePermissions.fromString("rwx------"));
    } catch (IOException e) {
      throw new SandboxException("cannot create " + spec.stateDir(), false, e);
    }
    OciBundle.write(bundle, spec, etc, init, "/oncell/" + id);
    List<String> flags = new ArrayList<>(List.of("--network=none"));
    if (spec.egressSocket().isPresent()) {
      // Lets the sandbox connect to the one host socket mounted in: its egress proxy.
      flags.add("--host-uds=open");
    }
    Runsc.Result result =
        Runsc.run(runsc.command(flags, "run", "--detach", "--bundle=" + bundle, id));
    if (result.exitCode() != 0) {
      runsc.destroy(id);
      throw new SandboxException(
          "cannot start the gVisor sandbox of cell " + spec.id() + ": " + result.output(), true);
    }
    sandboxPid = runsc.sandboxPid(id);
    if (sandboxPid.isEmpty()) {
      throw new SandboxException(
          "gVisor sandbox of cell " + spec.id() + " vanished at start", true);
    }
  }

  @Override
  public synchronized void close() {
    closed = true;
    if (sandboxPid.isPresent()) {
      runsc.destroy(id);
      sandboxPid = Optional.empty();
    }
  }

  private static void deleteQuietly(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      // left in the private state folder; replaced by the next container start
    }
  }
}
