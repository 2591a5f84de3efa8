package dev.oncell.sandbox.internal.cgroup;

import dev.oncell.sandbox.SandboxLimits;
import dev.oncell.sandbox.SandboxUsage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.stream.Stream;

/**
 * cgroup v2: one unified hierarchy. The cpu, memory and pids controllers are enabled in {@code
 * cgroup.subtree_control} of the root and of the group folder (which holds no process itself, as
 * v2's "no internal processes" rule wants), and each cell's folder gets {@code cpu.max}, {@code
 * memory.max}, {@code memory.swap.max} 0 and {@code pids.max}.
 */
record CgroupsV2(Path root) implements Cgroups {

  static final long CPU_PERIOD_US = 100_000;
  private static final String ENABLE = "+cpu +memory +pids";

  @Override
  public String version() {
    return "v2";
  }

  @Override
  public CellCgroup create(String group, String cell, SandboxLimits limits) {
    Path dir;
    synchronized (CgroupFiles.TREE_LOCK) {
      CgroupFiles.write(root.resolve("cgroup.subtree_control"), ENABLE);
      Path parent = CgroupFiles.mkdirs(root.resolve(group));
      CgroupFiles.write(parent.resolve("cgroup.subtree_control"), ENABLE);
      dir = CgroupFiles.mkdirs(parent.resolve(cell));
    }
    long quota = Math.round(limits.cpus() * CPU_PERIOD_US);
    CgroupFiles.write(dir.resolve("cpu.max"), quota + " " + CPU_PERIOD_US);
    CgroupFiles.write(dir.resolve("memory.max"), String.valueOf(limits.memoryBytes()));
    // No swap: a cell over its memory is killed, not slowed down to a crawl by swapping.
    if (Files.exists(dir.resolve("memory.swap.max"))) { // absent without swap accounting
      CgroupFiles.write(dir.resolve("memory.swap.max"), "0");
    }
    CgroupFiles.write(dir.resolve("pids.max"), String.valueOf(limits.maxProcesses()));
    return new Cell(dir);
  }

  @Override
  public CellCgroup existing(String path) {
    return new Cell(root.resolve(path.replaceFirst("^/+", "")));
  }

  @Override
  public void sweep(String group) {
    Path parent = root.resolve(group);
    if (!Files.isDirectory(parent)) {
      return;
    }
    try (Stream<Path> cells = Files.list(parent)) {
      for (Path cell : cells.filter(Files::isDirectory).toList()) {
        new Cell(cell).remove();
      }
    } catch (IOException e) {
      // Gone meanwhile: nothing to sweep.
    }
    synchronized (CgroupFiles.TREE_LOCK) {
      CgroupFiles.rmdir(parent);
    }
  }

  private record Cell(Path dir) implements CellCgroup {

    @Override
    public List<Path> procsFiles() {
      return List.of(dir.resolve("cgroup.procs"));
    }

    @Override
    public SandboxUsage usage() {
      OptionalLong cpuNanos =
          CgroupFiles.read(dir.resolve("cpu.stat"))
              .flatMap(
                  stat ->
                      stat.lines()
                          .filter(l -> l.startsWith("usage_usec "))
                          .findFirst()
                          .map(l -> l.substring("usage_usec ".length())))
              .map(CgroupFiles::parseLimit)
              .orElse(OptionalLong.empty());
      if (cpuNanos.isPresent()) {
        cpuNanos = OptionalLong.of(cpuNanos.getAsLong() * 1000);
      }
      OptionalDouble cpuLimit =
          CgroupFiles.read(dir.resolve("cpu.max"))
              .map(v -> v.split("\\s+"))
              .filter(parts -> parts.length == 2)
              .map(
                  parts -> {
                    OptionalLong quota = CgroupFiles.parseLimit(parts[0]);
                    OptionalLong period = CgroupFiles.parseLimit(parts[1]);
                    return quota.isPresent() && period.isPresent() && period.getAsLong() > 0
                        ? OptionalDouble.of((double) quota.getAsLong() / period.getAsLong())
                        : OptionalDouble.empty();
                  })
              .orElse(OptionalDouble.empty());
      return new SandboxUsage(
          CgroupFiles.readLong(dir.resolve("memory.current")),
          CgroupFiles.readLong(dir.resolve("memory.max")),
          cpuNanos,
          cpuLimit,
          CgroupsV1.toInt(CgroupFiles.readLong(dir.resolve("pids.current"))),
          CgroupsV1.toInt(CgroupFiles.readLong(dir.resolve("pids.max"))),
          OptionalLong.empty(),
          OptionalLong.empty());
    }

    @Override
    public long outOfMemoryKills() {
      return CgroupFiles.statValue(dir.resolve("memory.events"), "oom_kill");
    }

    @Override
    public void remove() {
      Path kill = dir.resolve("cgroup.kill");
      if (Files.exists(kill)) {
        // Linux 5.14+: one write kills the whole cgroup at once, forks in flight included.
        try {
          Files.writeString(kill, "1");
        } catch (IOException e) {
          // Fall back to killing pid by pid below.
        }
      }
      CgroupFiles.killAndRemove(procsFiles(), List.of(dir));
      synchronized (CgroupFiles.TREE_LOCK) {
        CgroupFiles.rmdir(dir.getParent());
      }
    }
  }
}
