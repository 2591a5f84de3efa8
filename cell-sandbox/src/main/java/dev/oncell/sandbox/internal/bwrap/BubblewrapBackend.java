package dev.oncell.sandbox.internal.bwrap;

import dev.oncell.sandbox.Sandbox;
import dev.oncell.sandbox.SandboxBackend;
import dev.oncell.sandbox.SandboxException;
import dev.oncell.sandbox.SandboxLimits;
import dev.oncell.sandbox.SandboxSpec;
import dev.oncell.sandbox.internal.cgroup.CellCgroup;
import dev.oncell.sandbox.internal.cgroup.Cgroups;
import dev.oncell.sandbox.internal.disk.CellDisk;
import dev.oncell.sandbox.internal.egress.EgressBridge;
import dev.oncell.sandbox.internal.process.MinimalEtc;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * bubblewrap: each command gets fresh user, PID, IPC, UTS, mount, network and cgroup namespaces,
 * sees {@code /usr} and a minimal {@code /etc} read-only, its cell's work folder at {@code /work},
 * a private {@code /tmp}, no capabilities and a clean environment. The network namespace has only
 * its loopback; a cell with egress also gets its proxy socket and the {@link EgressBridge}. Killing
 * the outer {@code bwrap} kills the namespace's init and with it every process inside, so a timeout
 * leaves nothing behind.
 */
public final class BubblewrapBackend implements SandboxBackend {

  private static final List<String> ROOT_LINKS =
      List.of("bin", "sbin", "lib", "lib32", "lib64", "libx32");

  private final Path runtimeDir;
  private final String cgroupGroup;
  private volatile Optional<List<String>> baseArgs = Optional.empty();

  public BubblewrapBackend(Path runtimeDir) {
    this.runtimeDir = runtimeDir.toAbsolutePath().normalize();
    this.cgroupGroup = Cgroups.groupName(this.runtimeDir);
  }

  @Override
  public String name() {
    return "bubblewrap";
  }

  @Override
  public boolean isolated() {
    return true;
  }

  @Override
  public void verify() {
    sweepOrphans();
    // Cells of a crashed host left their cgroups behind; none of this host's cells is open yet.
    Cgroups.host().sweep(cgroupGroup);
    // A cell's cgroup can be made and removed here ("_" is never part of a cell id).
    Cgroups.host().create(cgroupGroup, "_probe", SandboxLimits.defaults()).remove();
    Path bwrap = findBwrap();
    List<String> probe = new ArrayList<>(baseArgs());
    probe.add("/bin/true");
    try {
      Process p = new ProcessBuilder(probe).redirectErrorStream(true).start();
      if (!p.waitFor(10, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new SandboxException("bubblewrap did not start a sandbox within 10 s", true);
      }
      String output = new String(p.getInputStream().readAllBytes()).strip();
      if (p.exitValue() != 0) {
        throw new SandboxException(
            bwrap
                + " cannot create a sandbox here ("
                + output
                + "); unprivileged user namespaces may be disabled"
                + " (sysctl kernel.unprivileged_userns_clone=1)",
            false);
      }
    } catch (IOException e) {
      throw new SandboxException("cannot run " + bwrap + ": " + e.getMessage(), false, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SandboxException("interrupted while checking bubblewrap", true, e);
    }
  }

  /**
   * Kills sandboxes a crashed host left behind: when the host dies, a running {@code bwrap} is
   * re-parented to init and its command goes on, with nobody left to enforce its timeout. They are
   * recognised by this host's {@code /etc} folder in their command line.
   */
  private void sweepOrphans() {
    String marker = runtimeDir.resolve("etc") + " /etc";
    long self = ProcessHandle.current().pid();
    ProcessHandle.allProcesses()
        .filter(p -> p.parent().map(ProcessHandle::pid).orElse(1L) != self)
        .filter(p -> p.info().commandLine().orElse("").contains(marker))
        .filter(p -> p.info().command().orElse("").endsWith("bwrap"))
        .forEach(ProcessHandle::destroyForcibly);
  }

  @Override
  public Sandbox open(SandboxSpec spec) {
    CellDisk disk = CellDisk.of(spec);
    disk.ensureMounted();
    CellCgroup cgroup = Cgroups.host().create(cgroupGroup, spec.id(), spec.limits());
    return new BubblewrapSandbox(spec.workDir(), spec.egressSocket(), baseArgs(), cgroup, disk);
  }

  @Override
  public void release(SandboxSpec spec) {
    CellDisk.of(spec).release();
  }

  private List<String> baseArgs() {
    Optional<List<String>> cached = baseArgs;
    if (cached.isPresent()) {
      return cached.get();
    }
    synchronized (this) {
      if (baseArgs.isEmpty()) {
        baseArgs = Optional.of(buildBaseArgs());
      }
      return baseArgs.get();
    }
  }

  private List<String> buildBaseArgs() {
    Path etc = MinimalEtc.write(runtimeDir.resolve("etc"), MinimalEtc.CELL_UID);
    List<String> args = new ArrayList<>();
    args.add(findBwrap().toString());
    args.addAll(
        List.of(
            "--unshare-all",
            "--unshare-user",
            // No nested user namespaces: they would give customer code a namespace where it is
            // root and may mount, and expose kernel surface that the sandbox does not need.
            "--disable-userns",
            "--uid",
            String.valueOf(MinimalEtc.CELL_UID),
            "--gid",
            String.valueOf(MinimalEtc.CELL_UID),
            "--hostname",
            "cell",
            "--die-with-parent",
            "--new-session",
            "--cap-drop",
            "ALL",
            "--clearenv",
            "--ro-bind",
            "/usr",
            "/usr"));
    for (String name : ROOT_LINKS) {
      Path hostPath = Path.of("/", name);
      if (Files.isSymbolicLink(hostPath)) {
        try {
          args.addAll(
              List.of("--symlink", Files.readSymbolicLink(hostPath).toString(), "/" + name));
        } catch (IOException e) {
          throw new SandboxException("cannot read link " + hostPath, false, e);
        }
      } else if (Files.isDirectory(hostPath)) {
        args.addAll(List.of("--ro-bind", hostPath.toString(), "/" + name));
      }
    }
    args.addAll(List.of("--ro-bind", etc.toString(), "/etc"));
    for (String shared : MinimalEtc.SHARED_FROM_HOST) {
      args.addAll(List.of("--ro-bind-try", "/etc/" + shared, "/etc/" + shared));
    }
    args.addAll(List.of("--proc", "/proc", "--dev", "/dev", "--tmpfs", "/tmp"));
    return List.copyOf(args);
  }

  private static Path findBwrap() {
    String path = Optional.ofNullable(System.getenv("PATH")).orElse("/usr/bin:/bin");
    for (String dir : (path + ":/usr/bin:/bin").split(":")) {
      Path candidate = Path.of(dir.isEmpty() ? "." : dir, "bwrap");
      if (Files.isExecutable(candidate)) {
        return candidate;
      }
    }
    throw new SandboxException(
        "bubblewrap (bwrap) is not installed: run scripts/install-system-deps.sh as root,"
            + " or apt-get install bubblewrap",
        false);
  }
}
