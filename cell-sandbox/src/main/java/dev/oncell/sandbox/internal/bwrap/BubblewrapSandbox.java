package dev.oncell.sandbox.internal.bwrap;

import dev.oncell.sandbox.ExecRequest;
import dev.oncell.sandbox.ExecResult;
import dev.oncell.sandbox.Sandbox;
import dev.oncell.sandbox.SandboxException;
import dev.oncell.sandbox.SandboxUsage;
import dev.oncell.sandbox.internal.cgroup.CellCgroup;
import dev.oncell.sandbox.internal.disk.CellDisk;
import dev.oncell.sandbox.internal.egress.EgressBridge;
import dev.oncell.sandbox.internal.process.ProcessRunner;
import dev.oncell.sandbox.internal.process.Shells;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One cell under bubblewrap: a fresh set of namespaces per command, all commands inside the cell's
 * cgroup, the work folder (the cell's own filesystem when it has a disk quota) at {@code /work}.
 */
final class BubblewrapSandbox implements Sandbox {

  /**
   * Joins every cgroup named before {@code --}, then becomes the command after it: the pid that
   * joins is the pid that runs bwrap, so the sandbox and all it forks start inside the limits.
   */
  private static final String ENTER_CGROUP =
      "while [ \"$1\" != -- ]; do"
          + " echo $$ > \"$1\" || { echo \"oncell: cannot join the cell's cgroup $1\" >&2; exit 125; };"
          + " shift; done; shift; exec \"$@\"";

  private final Path workDir;
  private final Optional<Path> egressSocket;
  private final List<String> baseArgs;
  private final CellCgroup cgroup;
  private final CellDisk disk;
  private final AtomicBoolean closed = new AtomicBoolean();

  BubblewrapSandbox(
      Path workDir,
      Optional<Path> egressSocket,
      List<String> baseArgs,
      CellCgroup cgroup,
      CellDisk disk) {
    this.workDir = workDir;
    this.egressSocket = egressSocket;
    this.baseArgs = baseArgs;
    this.cgroup = cgroup;
    this.disk = disk;
  }

  @Override
  public ExecResult exec(ExecRequest request) {
    if (closed.get()) {
      throw new SandboxException("the sandbox is closed", false);
    }
    Path cwd = workDir.resolve(request.cwd()).normalize();
    if (!cwd.startsWith(workDir) || !Files.isDirectory(cwd)) {
      throw new SandboxException("working folder does not exist: " + request.cwd(), false);
    }
    List<String> args = new ArrayList<>(List.of("/bin/sh", "-c", ENTER_CGROUP, "oncell-enter"));
    cgroup.procsFiles().forEach(f -> args.add(f.toString()));
    args.add("--");
    args.addAll(baseArgs);
    args.addAll(List.of("--bind", workDir.toString(), "/work"));
    args.addAll(List.of("--chdir", "/work/" + workDir.relativize(cwd)));
    for (Map.Entry<String, String> e : Shells.baseEnvironment("/work").entrySet()) {
      args.addAll(List.of("--setenv", e.getKey(), e.getValue()));
    }
    String command = request.command();
    if (egressSocket.isPresent()) {
      // The network namespace stays empty but for its loopback; the only way out is the
      // cell's egress proxy, through the bridge on 127.0.0.1:3128 (see EgressBridge).
      Path socket = egressSocket.get();
      if (!Files.exists(socket)) {
        throw new SandboxException(
            "the cell's egress proxy is not listening: " + socket + " does not exist", true);
      }
      args.addAll(List.of("--ro-bind", socket.toString(), EgressBridge.SOCKET));
      for (Map.Entry<String, String> e : EgressBridge.environment().entrySet()) {
        args.addAll(List.of("--setenv", e.getKey(), e.getValue()));
      }
      command = EgressBridge.wrap(command);
    }
    for (Map.Entry<String, String> e : request.env().entrySet()) {
      args.addAll(List.of("--setenv", e.getKey(), e.getValue()));
    }
    args.addAll(List.of(Shells.hostShell(), "-c", command));
    ProcessBuilder builder = new ProcessBuilder(args);
    builder.environment().clear();
    // Killing bwrap makes the namespace's init die (--die-with-parent), which takes every
    // process of the PID namespace with it, setsid children included. Its descendants are killed
    // too, by pid: the kernel drops a parent-death signal when a process changes its credentials,
    // so a loaded machine can leave the init running without its parent. Through the handles,
    // not Process.destroyForcibly(), which would also close our end of the pipes and lose output.
    return ProcessRunner.run(
        builder,
        request,
        process -> {
          List<ProcessHandle> tree = process.descendants().toList();
          process.toHandle().destroyForcibly();
          tree.forEach(ProcessHandle::destroyForcibly);
        });
  }

  @Override
  public SandboxUsage usage() {
    SandboxUsage usage = cgroup.usage();
    long[] disk = this.disk.usedAndTotal();
    return disk[1] < 0 ? usage : usage.withDisk(disk[0], disk[1]);
  }

  /** Kills what still runs in the cell and removes its cgroup; the disk stays mounted. */
  @Override
  public void close() {
    if (closed.compareAndSet(false, true)) {
      cgroup.remove();
    }
  }
}
