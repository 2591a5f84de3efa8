package dev.oncell.sandbox.internal.runsc;

import dev.oncell.sandbox.ExecRequest;
import dev.oncell.sandbox.ExecResult;
import dev.oncell.sandbox.Sandbox;
import dev.oncell.sandbox.SandboxBackend;
import dev.oncell.sandbox.SandboxException;
import dev.oncell.sandbox.SandboxLimits;
import dev.oncell.sandbox.SandboxSpec;
import dev.oncell.sandbox.SandboxUsage;
import dev.oncell.sandbox.internal.cgroup.CellCgroup;
import dev.oncell.sandbox.internal.cgroup.Cgroups;
import dev.oncell.sandbox.internal.disk.CellDisk;
import dev.oncell.sandbox.internal.egress.EgressBridge;
import dev.oncell.sandbox.internal.process.ProcessRunner;
import dev.oncell.sandbox.internal.process.Shells;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One cell's gVisor sandbox. Opening it is free; the first command starts the container, and a
 * command finding it dead (killed by the host, out of memory) starts a new one, so the cell goes on
 * working. Thread-safe: commands may run concurrently, each in its own PID namespace.
 */
final class RunscSandbox implements Sandbox {

  private static final int SIGKILL_EXIT = 137;

  private final SandboxSpec spec;
  private final Runsc runsc;
  private final RunscStart.Ids ids;
  private final Path etc;
  private final String init;
  private final Cgroups cgroups;
  private final CellDisk disk;

  /** CPU time of the containers this sandbox replaced (killed by the host, out of memory). */
  private long carriedCpuNanos;

  private final AtomicLong execCounter = new AtomicLong();
  private Optional<RunscStart.Running> running = Optional.empty();
  private boolean closed;

  /**
   * The container whose idle process has bound {@link OciBundle#COMMAND_ROOT}: known once one
   * command ran there, so only the first commands of a start pay for waiting on it.
   */
  private volatile String rootBoundIn = "";

  private CompletableFuture<Void> pendingDelete = CompletableFuture.completedFuture(null);

  /** Set when the running container is known to be dead though its process may linger. */
  private boolean stale;

  RunscSandbox(
      SandboxSpec spec,
      Runsc runsc,
      RunscStart.Ids ids,
      Path etc,
      String init,
      Cgroups cgroups,
      CellDisk disk) {
    this.spec = spec;
    this.runsc = runsc;
    this.ids = ids;
    this.etc = etc;
    this.init = init;
    this.cgroups = cgroups;
    this.disk = disk;
  }

  @Override
  public ExecResult exec(ExecRequest request) {
    Path workDir = spec.workDir();
    Path cwd = workDir.resolve(request.cwd()).normalize();
    if (!cwd.startsWith(workDir) || !Files.isDirectory(cwd)) {
      throw new SandboxException("working folder does not exist: " + request.cwd(), false);
    }
    Map<String, String> env = new LinkedHashMap<>(Shells.baseEnvironment("/work"));
    String command = request.command();
    if (spec.egressSocket().isPresent()) {
      // gVisor's own netstack (--network=none) has only its loopback; the only way out is the
      // cell's egress proxy socket (mounted with --host-uds=open), through the bridge.
      if (!Files.exists(spec.egressSocket().get())) {
        throw new SandboxException(
            "the cell's egress proxy is not listening: "
                + spec.egressSocket().get()
                + " does not exist",
            true);
      }
      env.putAll(EgressBridge.environment());
      command = EgressBridge.wrap(command);
    }
    env.putAll(request.env());
    String insideCwd = workDir.equals(cwd) ? "/work" : "/work/" + workDir.relativize(cwd);
    List<String> args = List.of(Shells.hostShell(), "-c", command);
    Attempt first = attempt(ensureRunning(), args, env, insideCwd, request);
    // The sandbox died before the command could start (killed by the host, out of memory): start
    // a new one and run the command there. Never when it started: it must not run twice.
    if (!first.started() && !sandboxAlive()) {
      return attempt(ensureRunning(), args, env, insideCwd, request).result();
    }
    if (!first.result().timedOut() && first.result().exitCode() != 0 && killedUnderUs()) {
      return killedWithSandbox(first.result());
    }
    return first.result();
  }

  /**
   * The command's sandbox died under it. gVisor has no OOM killer of its own: a cell over its
   * memory limit is killed by the host's, which takes the whole sandbox (every running command and
   * {@code /tmp}); the next command starts a new one. Reported as a SIGKILL, as for a host process.
   */
  private ExecResult killedWithSandbox(ExecResult result) {
    String why =
        outOfMemory()
            ? "out of memory (the cell's limit is " + spec.limits().memoryBytes() + " bytes)"
            : "by the host";
    return new ExecResult(
        result.stdout(),
        result.stderr()
            + (result.stderr().isEmpty() || result.stderr().endsWith("\n") ? "" : "\n")
            + "oncell: the cell's gVisor sandbox was killed "
            + why
            + "; every command running in it ended, and the next one starts a new sandbox\n",
        SIGKILL_EXIT,
        false,
        result.truncated(),
        result.duration());
  }

  /**
   * Whether the sandbox died during the command. Its process may linger a moment (a zombie not yet
   * reaped), so an OOM kill in its cgroup counts as death too: gVisor does not survive one (the
   * killed stub process takes the sentry with it). The next command then starts a new sandbox.
   */
  private synchronized boolean killedUnderUs() {
    if (sandboxAlive() && !outOfMemory()) {
      return false;
    }
    stale = true;
    return true;
  }

  private boolean outOfMemory() {
    return cgroup().outOfMemoryKills() > 0;
  }

  private record Attempt(ExecResult result, boolean started) {}

  private Attempt attempt(
      String id, List<String> args, Map<String, String> env, String cwd, ExecRequest request) {
    boolean rootBound = rootBoundIn.equals(id);
    String process = OciBundle.process(args, env, cwd, !rootBound);
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
      boolean started = Files.exists(pidFile);
      if (!rootBound && started && !result.timedOut()) {
        // The command got past the wait for the bind (a timeout may have cut it inside).
        rootBoundIn = id;
      }
      return new Attempt(result, started);
    } catch (IOException e) {
      throw new SandboxException("cannot write " + processFile, true, e);
    } finally {
      deleteQuietly(processFile);
      deleteQuietly(pidFile);
    }
  }

  private synchronized boolean sandboxAlive() {
    return !stale
        && running.isPresent()
        && ProcessHandle.of(running.get().pid()).map(ProcessHandle::isAlive).orElse(false);
  }

  /**
   * Starts a container unless one runs, and returns its id; a dead one is deleted in the background
   * and replaced by a new one with a new id, which need not wait for that delete.
   */
  private synchronized String ensureRunning() {
    if (closed) {
      throw new SandboxException("the sandbox of cell " + spec.id() + " is closed", false);
    }
    if (sandboxAlive()) {
      return running.get().id();
    }
    if (running.isPresent()) {
      // Replacing a dead container: its cgroup is still there until runsc deletes it.
      carriedCpuNanos += cgroup().usage().cpuNanos().orElse(0);
      stopAndDeleteInBackground(running.get().id());
      running = Optional.empty();
    }
    stale = false;
    String id = ids.next();
    running = Optional.of(RunscStart.start(spec, runsc, id, etc, init));
    return id;
  }

  /**
   * Kills every process of the container now (nothing of the cell runs past this), and leaves the
   * slow part, {@code runsc delete} waiting for the sandbox to go, to a background thread.
   */
  private void stopAndDeleteInBackground(String id) {
    runsc.killAll(id);
    pendingDelete = RunscDeletes.deleteInBackground(runsc, ids.prefix(), id);
  }

  /** Completes once the containers this sandbox stopped are deleted; for tests and benchmarks. */
  synchronized CompletableFuture<Void> pendingDelete() {
    return pendingDelete;
  }

  /**
   * Memory, CPU and the limits from the container's host cgroup ({@code linux.cgroupsPath}); the
   * processes from {@code runsc ps}, because the host cgroup holds gVisor's own threads, not the
   * cell's processes (tini and its idle child are not counted). Before the first command, and after
   * close, no container runs: nothing is used, and the limits are those the next start applies.
   */
  @Override
  public SandboxUsage usage() {
    SandboxUsage usage;
    long carried;
    Optional<String> id;
    synchronized (this) {
      carried = carriedCpuNanos;
      id = running.map(RunscStart.Running::id);
      usage = sandboxAlive() ? cgroup().usage() : idle();
    }
    if (usage.processes().isPresent()) {
      // The cell's processes are uid 1000; tini, its idle child and each exec's unshare are root.
      long processes =
          id.map(runsc::ps).orElse(List.of()).stream().filter(p -> p.uid() != 0).count();
      usage = usage.withProcesses((int) processes, spec.limits().maxProcesses());
    }
    if (usage.cpuNanos().isPresent()) {
      usage = usage.withCpuNanos(usage.cpuNanos().getAsLong() + carried);
    }
    long[] disk = this.disk.usedAndTotal();
    return disk[1] < 0 ? usage : usage.withDisk(disk[0], disk[1]);
  }

  private SandboxUsage idle() {
    SandboxLimits limits = spec.limits();
    return new SandboxUsage(
        OptionalLong.of(0),
        OptionalLong.of(limits.memoryBytes()),
        OptionalLong.of(0),
        OptionalDouble.of(limits.cpus()),
        OptionalInt.of(0),
        OptionalInt.of(limits.maxProcesses()),
        OptionalLong.empty(),
        OptionalLong.empty());
  }

  private synchronized CellCgroup cgroup() {
    return cgroups.existing(
        RunscStart.CGROUP_PARENT + running.map(RunscStart.Running::id).orElse(ids.prefix()));
  }

  /**
   * Kills the container's processes and returns; the container is deleted in the background ({@link
   * SandboxBackend#release} waits for it, since it holds the cell's disk).
   */
  @Override
  public synchronized void close() {
    closed = true;
    if (running.isPresent()) {
      stopAndDeleteInBackground(running.get().id());
      running = Optional.empty();
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
