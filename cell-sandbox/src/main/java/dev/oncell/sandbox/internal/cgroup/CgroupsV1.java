package dev.oncell.sandbox.internal.cgroup;

import dev.oncell.sandbox.SandboxLimits;
import dev.oncell.sandbox.SandboxUsage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.stream.Stream;

/**
 * cgroup v1: one hierarchy per controller, {@code cpu}, {@code memory}, {@code pids}, and {@code
 * cpuacct} (for the CPU time used) when mounted. Co-mounted hierarchies ({@code cpu,cpuacct}) are
 * used once.
 */
record CgroupsV1(Path root) implements Cgroups {

  static final long CFS_PERIOD_US = 100_000;

  @Override
  public String version() {
    return "v1";
  }

  /** Hierarchy folders by controller, each real folder once. */
  private Map<String, Path> hierarchies() {
    Map<String, Path> found = new LinkedHashMap<>();
    List<Path> seen = new ArrayList<>();
    for (String controller : List.of("cpu", "cpuacct", "memory", "pids")) {
      Path dir = root.resolve(controller);
      try {
        Path real = dir.toRealPath();
        if (Files.isRegularFile(real.resolve("cgroup.procs")) && !seen.contains(real)) {
          seen.add(real);
          found.put(controller, real);
        } else if (seen.contains(real)) {
          found.put(controller, real);
        }
      } catch (IOException e) {
        // Not mounted: only cpuacct may be missing (detect() checked the others).
      }
    }
    return found;
  }

  @Override
  public CellCgroup create(String group, String cell, SandboxLimits limits) {
    Map<String, Path> dirs = new LinkedHashMap<>();
    synchronized (CgroupFiles.TREE_LOCK) {
      hierarchies()
          .forEach((c, h) -> dirs.put(c, CgroupFiles.mkdirs(h.resolve(group).resolve(cell))));
    }
    Path cpu = dirs.get("cpu");
    CgroupFiles.write(cpu.resolve("cpu.cfs_period_us"), String.valueOf(CFS_PERIOD_US));
    CgroupFiles.write(
        cpu.resolve("cpu.cfs_quota_us"), String.valueOf(Math.round(limits.cpus() * CFS_PERIOD_US)));
    Path memory = dirs.get("memory");
    Path memsw = memory.resolve("memory.memsw.limit_in_bytes");
    // memory+swap may never be below memory: lift it, set memory, then pin it to memory (no swap).
    if (Files.exists(memsw)) {
      CgroupFiles.write(memsw, "-1");
    }
    CgroupFiles.write(
        memory.resolve("memory.limit_in_bytes"), String.valueOf(limits.memoryBytes()));
    if (Files.exists(memsw)) {
      CgroupFiles.write(memsw, String.valueOf(limits.memoryBytes()));
    }
    CgroupFiles.write(dirs.get("pids").resolve("pids.max"), String.valueOf(limits.maxProcesses()));
    return new Cell(dirs);
  }

  @Override
  public CellCgroup existing(String path) {
    Map<String, Path> dirs = new LinkedHashMap<>();
    String relative = path.replaceFirst("^/+", "");
    hierarchies().forEach((c, h) -> dirs.put(c, h.resolve(relative)));
    return new Cell(dirs);
  }

  @Override
  public void sweep(String group) {
    for (Path hierarchy : hierarchies().values()) {
      Path parent = hierarchy.resolve(group);
      if (!Files.isDirectory(parent)) {
        continue;
      }
      try (Stream<Path> cells = Files.list(parent)) {
        for (Path cell : cells.filter(Files::isDirectory).toList()) {
          CgroupFiles.killAndRemove(List.of(cell.resolve("cgroup.procs")), List.of(cell));
        }
      } catch (IOException e) {
        // Gone meanwhile: nothing to sweep.
      }
      synchronized (CgroupFiles.TREE_LOCK) {
        CgroupFiles.rmdir(parent);
      }
    }
  }

  private record Cell(Map<String, Path> dirs) implements CellCgroup {

    @Override
    public List<Path> procsFiles() {
      return dirs.values().stream().distinct().map(d -> d.resolve("cgroup.procs")).toList();
    }

    @Override
    public SandboxUsage usage() {
      Path cpu = dirs.get("cpu");
      Path memory = dirs.get("memory");
      Path pids = dirs.get("pids");
      OptionalLong cpuNanos =
          dirs.containsKey("cpuacct")
              ? CgroupFiles.readLong(dirs.get("cpuacct").resolve("cpuacct.usage"))
              : OptionalLong.empty();
      OptionalLong quota = CgroupFiles.readLong(cpu.resolve("cpu.cfs_quota_us"));
      OptionalLong period = CgroupFiles.readLong(cpu.resolve("cpu.cfs_period_us"));
      OptionalDouble cpuLimit =
          quota.isPresent() && period.isPresent() && period.getAsLong() > 0
              ? OptionalDouble.of((double) quota.getAsLong() / period.getAsLong())
              : OptionalDouble.empty();
      return new SandboxUsage(
          CgroupFiles.readLong(memory.resolve("memory.usage_in_bytes")),
          CgroupFiles.readLong(memory.resolve("memory.limit_in_bytes")),
          cpuNanos,
          cpuLimit,
          toInt(CgroupFiles.readLong(pids.resolve("pids.current"))),
          toInt(CgroupFiles.readLong(pids.resolve("pids.max"))),
          OptionalLong.empty(),
          OptionalLong.empty());
    }

    @Override
    public long outOfMemoryKills() {
      return CgroupFiles.statValue(dirs.get("memory").resolve("memory.oom_control"), "oom_kill");
    }

    @Override
    public void remove() {
      List<Path> unique = dirs.values().stream().distinct().toList();
      CgroupFiles.killAndRemove(procsFiles(), unique);
      // The group folder goes with its last cell; another cell keeps it (rmdir then fails).
      synchronized (CgroupFiles.TREE_LOCK) {
        unique.forEach(d -> CgroupFiles.rmdir(d.getParent()));
      }
    }
  }

  static OptionalInt toInt(OptionalLong value) {
    return value.isPresent()
        ? OptionalInt.of((int) Math.min(Integer.MAX_VALUE, value.getAsLong()))
        : OptionalInt.empty();
  }
}
