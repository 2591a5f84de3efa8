package dev.oncell.sandbox.internal.runsc;

import dev.oncell.sandbox.SandboxException;
import dev.oncell.sandbox.SandboxLimits;
import dev.oncell.sandbox.SandboxSpec;
import dev.oncell.sandbox.internal.process.MinimalEtc;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The OCI bundle of one cell's gVisor sandbox: an empty read-only root holding only mount points
 * and the usual root symlinks, {@code /usr} and a minimal {@code /etc} read-only, the cell's work
 * folder at {@code /work}, a private {@code /tmp}, and the cell's limits as {@code linux.resources}
 * so runsc enforces them through host cgroups.
 *
 * <p>A user namespace maps the sandbox user (1000) to the host's owner of the cell's files (root),
 * so that files written on either side stay readable and writable on the other; the sandbox's root
 * maps to an unused host range.
 */
final class OciBundle {

  static final String EGRESS_SOCKET = "/run/oncell/egress.sock";

  /**
   * Where the idle process binds the sandbox's whole tree once, and where every command is then
   * chrooted: a chrooted process may not create user namespaces (gVisor, like Linux, refuses
   * CLONE_NEWUSER in a chroot), so customer code never gets a namespace where it is root and may
   * mount.
   */
  static final String COMMAND_ROOT = "/.root";

  private static final List<String> ROOT_LINKS =
      List.of("bin", "sbin", "lib", "lib32", "lib64", "libx32");
  private static final long CPU_PERIOD_US = 100_000;
  private static final int SANDBOX_ROOT_HOST_UID = 100_000;
  private static final int GVISOR_THREADS = 256;

  private OciBundle() {}

  /** Writes the bundle under {@code dir} and returns it. */
  static Path write(Path dir, SandboxSpec spec, Path etc, String init, String cgroupsPath) {
    Path rootfs = dir.resolve("rootfs");
    List<Object> mounts = new ArrayList<>();
    mounts.add(Map.of("destination", "/proc", "type", "proc", "source", "proc"));
    mounts.add(bind("/usr", Path.of("/usr"), "ro"));
    try {
      Files.createDirectories(rootfs);
      for (String name :
          List.of("usr", "etc", "work", "tmp", "proc", "dev", "run/oncell", ".root")) {
        Files.createDirectories(rootfs.resolve(name));
      }
      for (String name : ROOT_LINKS) {
        Path host = Path.of("/", name);
        Path inside = rootfs.resolve(name);
        if (Files.isSymbolicLink(host)) {
          Files.deleteIfExists(inside);
          Files.createSymbolicLink(inside, Files.readSymbolicLink(host));
        } else if (Files.isDirectory(host)) {
          Files.createDirectories(inside);
          mounts.add(bind("/" + name, host, "ro"));
        }
      }
      mounts.add(bind("/etc", etc, "ro"));
      for (String shared : MinimalEtc.SHARED_FROM_HOST) {
        Path host = Path.of("/etc", shared);
        if (Files.exists(host)) {
          mounts.add(bind("/etc/" + shared, host, "ro"));
        }
      }
      mounts.add(bind("/work", spec.workDir(), "rw"));
      mounts.add(
          Map.of(
              "destination",
              "/tmp",
              "type",
              "tmpfs",
              "source",
              "tmpfs",
              "options",
              List.of("nosuid", "nodev", "mode=1777")));
      if (spec.egressSocket().isPresent()) {
        mounts.add(bind(EGRESS_SOCKET, spec.egressSocket().get(), "rw"));
      }
      Map<String, Object> config = new LinkedHashMap<>();
      config.put("ociVersion", "1.0.2");
      config.put(
          "process",
          Map.of(
              "terminal",
              false,
              "user",
              Map.of("uid", 0, "gid", 0),
              "args",
              List.of(
                  init,
                  "--",
                  "/bin/sh",
                  "-c",
                  "mount --rbind / " + COMMAND_ROOT + " && exec /usr/bin/sleep infinity"),
              "capabilities",
              Map.of(
                  "bounding", List.of("CAP_SYS_ADMIN"),
                  "effective", List.of("CAP_SYS_ADMIN"),
                  "permitted", List.of("CAP_SYS_ADMIN")),
              "env",
              List.of("PATH=/usr/bin:/bin"),
              "cwd",
              "/",
              "noNewPrivileges",
              true,
              "rlimits",
              List.of(nproc(spec.limits().maxProcesses()))));
      config.put("root", Map.of("path", "rootfs", "readonly", true));
      config.put("hostname", "cell");
      config.put("mounts", mounts);
      config.put("linux", linux(spec.limits(), cgroupsPath));
      Files.writeString(dir.resolve("config.json"), Json.write(config));
    } catch (IOException e) {
      throw new SandboxException("cannot write the sandbox bundle under " + dir, false, e);
    }
    return dir;
  }

  private static Map<String, Object> linux(SandboxLimits limits, String cgroupsPath) {
    List<Object> mappings =
        List.of(
            Map.of("containerID", MinimalEtc.CELL_UID, "hostID", 0, "size", 1),
            Map.of("containerID", 0, "hostID", SANDBOX_ROOT_HOST_UID, "size", 1000));
    Map<String, Object> linux = new LinkedHashMap<>();
    linux.put(
        "namespaces",
        List.of("pid", "ipc", "uts", "mount", "network", "user").stream()
            .map(type -> Map.of("type", type))
            .toList());
    linux.put("uidMappings", mappings);
    linux.put("gidMappings", mappings);
    linux.put("cgroupsPath", cgroupsPath);
    linux.put(
        "resources",
        Map.of(
            // swap equal to the limit: no swapping past it.
            "memory", Map.of("limit", limits.memoryBytes(), "swap", limits.memoryBytes()),
            "cpu",
                Map.of(
                    "quota",
                    Math.max(1000, Math.round(limits.cpus() * CPU_PERIOD_US)),
                    "period",
                    CPU_PERIOD_US),
            "pids", Map.of("limit", hostPidsLimit(limits))));
    return linux;
  }

  /**
   * The host cgroup holds gVisor's own threads (the sentry's, the gofer's, a stub process per
   * address space), not the cell's processes one for one: the cell's limit is RLIMIT_NPROC inside
   * the sandbox (see {@link #process}), and the host limit leaves gVisor room above it, so that a
   * fork bomb meets the cell's limit before the sentry fails to make a thread and dies.
   */
  static long hostPidsLimit(SandboxLimits limits) {
    return 2L * limits.maxProcesses() + GVISOR_THREADS;
  }

  /**
   * RLIMIT_NPROC counts per user across the sandbox, so across all the cell's commands (all run as
   * 1000): the cell's process limit, enforced by gVisor's kernel. {@code runsc exec} ignores a
   * process.json's rlimits, but every exec'd process inherits the container's (measured), so it is
   * set here once rather than by a {@code prlimit} hop in each command. One less because gVisor
   * lets a user have one process more than its limit (measured: with 5 the sixth fork fails).
   */
  private static Map<String, Object> nproc(int maxProcesses) {
    return Map.of("type", "RLIMIT_NPROC", "hard", maxProcesses - 1, "soft", maxProcesses - 1);
  }

  private static Map<String, Object> bind(String destination, Path source, String mode) {
    return Map.of(
        "destination",
        destination,
        "type",
        "bind",
        "source",
        source.toString(),
        "options",
        List.of("rbind", mode));
  }

  /**
   * The {@code process.json} of one command: started as the sandbox's root only to enter a fresh
   * PID namespace (so that killing its init ends every process of the command, {@code setsid} ones
   * included) chrooted at {@link #COMMAND_ROOT}, then dropped to uid 1000 with no capabilities at
   * all (bounding set included, which is why {@code setpriv} stays: {@code unshare --setuid} is one
   * hop less but keeps the bounding set). Each hop is an exec inside gVisor (10-20 ms here).
   *
   * @param waitForRoot whether the idle process may not have bound {@link #COMMAND_ROOT} yet (the
   *     first commands after a start): the command then waits for it in a shell first
   */
  static String process(
      List<String> command, Map<String, String> env, String cwd, boolean waitForRoot) {
    List<String> args = new ArrayList<>();
    if (waitForRoot) {
      args.addAll(
          List.of(
              "/bin/sh",
              "-c",
              "while [ ! -d " + COMMAND_ROOT + "/usr/bin ]; do sleep 0.005; done; exec \"$@\"",
              "oncell-exec"));
    }
    args.addAll(
        List.of(
            "/usr/bin/unshare",
            "--pid",
            "--fork",
            "--kill-child",
            "--mount-proc",
            "--root=" + COMMAND_ROOT,
            "--wd=" + cwd,
            "/usr/bin/setpriv",
            "--reuid=" + MinimalEtc.CELL_UID,
            "--regid=" + MinimalEtc.CELL_UID,
            "--clear-groups",
            "--inh-caps=-all",
            "--bounding-set=-all",
            "--"));
    args.addAll(command);
    List<String> caps =
        List.of("CAP_SETUID", "CAP_SETGID", "CAP_SETPCAP", "CAP_SYS_ADMIN", "CAP_SYS_CHROOT");
    Map<String, Object> process = new LinkedHashMap<>();
    process.put("terminal", false);
    process.put("user", Map.of("uid", 0, "gid", 0));
    process.put("args", args);
    process.put("env", env.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList());
    process.put("cwd", cwd);
    process.put("capabilities", Map.of("bounding", caps, "effective", caps, "permitted", caps));
    process.put("noNewPrivileges", true);
    return Json.write(process);
  }
}
