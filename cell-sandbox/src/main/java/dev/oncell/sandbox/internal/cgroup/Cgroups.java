package dev.oncell.sandbox.internal.cgroup;

import dev.oncell.sandbox.SandboxException;
import dev.oncell.sandbox.SandboxLimits;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * The host's cgroups, v1 or v2 as detected at start-up. Every cell gets a cgroup {@code
 * <group>/<cell id>} under the root of each hierarchy, where {@code group} is {@code oncell-} and a
 * short hash of the backend's runtime folder: two hosts (or test runs) on one machine never share
 * or sweep each other's cgroups.
 */
public sealed interface Cgroups permits CgroupsV1, CgroupsV2 {

  /** The controllers every cell is limited by. */
  List<String> CONTROLLERS = List.of("cpu", "memory", "pids");

  /** {@code v1} or {@code v2}. */
  String version();

  /**
   * Creates (or takes over, after a crash) the cell's cgroup and writes its limits.
   *
   * @throws SandboxException terminal when the cgroup cannot be made or a limit is refused
   */
  CellCgroup create(String group, String cell, SandboxLimits limits);

  /**
   * The cgroup at {@code path} (relative to the root of each hierarchy) that another tool created
   * and owns, such as runsc's {@code linux.cgroupsPath}: only to read its usage, never to remove.
   */
  CellCgroup existing(String path);

  /** Kills what is left in every cell cgroup of {@code group} and removes them. */
  void sweep(String group);

  /** Detects the host's cgroups under {@code /sys/fs/cgroup}. */
  static Cgroups detect() {
    return detect(Path.of("/sys/fs/cgroup"));
  }

  /** The host's cgroups, detected once for every backend (a failed detection is retried). */
  static Cgroups host() {
    return HostCgroups.get();
  }

  /**
   * Detects the cgroups mounted under {@code root}: v2 when {@code root} is the unified hierarchy
   * with the cpu, memory and pids controllers available; else v1 when {@code root/cpu}, {@code
   * root/memory} and {@code root/pids} are hierarchies (a hybrid host's empty v2 at {@code
   * root/unified} is ignored).
   *
   * @throws SandboxException terminal when neither is usable, saying what is missing
   */
  static Cgroups detect(Path root) {
    Path controllers = root.resolve("cgroup.controllers");
    if (Files.isRegularFile(controllers)) {
      List<String> available = List.of(CgroupFiles.read(controllers).orElse("").split("\\s+"));
      List<String> missing = new ArrayList<>(CONTROLLERS);
      missing.removeAll(available);
      if (!missing.isEmpty()) {
        throw new SandboxException(
            "cgroup v2 at " + root + " lacks the controllers " + missing + " that limits need",
            false);
      }
      return new CgroupsV2(root);
    }
    List<String> missing = new ArrayList<>();
    for (String controller : CONTROLLERS) {
      if (!Files.isRegularFile(root.resolve(controller).resolve("cgroup.procs"))) {
        missing.add(controller);
      }
    }
    if (missing.isEmpty()) {
      return new CgroupsV1(root);
    }
    throw new SandboxException(
        "no usable cgroups under "
            + root
            + ": no cgroup v2 (cgroup.controllers) and no cgroup v1 hierarchies for "
            + missing
            + "; mount cgroups, or choose the 'none' backend",
        false);
  }

  /** {@code oncell-} and the first 10 hex digits of the SHA-256 of the runtime folder. */
  static String groupName(Path runtimeDir) {
    try {
      byte[] hash =
          MessageDigest.getInstance("SHA-256")
              .digest(
                  runtimeDir
                      .toAbsolutePath()
                      .normalize()
                      .toString()
                      .getBytes(StandardCharsets.UTF_8));
      return "oncell-" + HexFormat.of().formatHex(hash).substring(0, 10);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }
}
