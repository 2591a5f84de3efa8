package dev.oncell.bench;

import dev.oncell.cli.CliException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * The host memory that a server and its cells use, read from {@code /proc}: the server's JVM, its
 * child processes (bubblewrap sandboxes) and every process in a cell's cgroup (gVisor sandboxes,
 * which runsc detaches from the server). Resident set sizes are summed, so libraries shared between
 * processes count more than once: an upper bound.
 */
record ProcessMemory(int processes, long residentBytes) {

  /** The server's JVM plus every process of a cell whose id starts with {@code cellPrefix}. */
  static ProcessMemory serverAndCells(String cellPrefix) {
    long self = ProcessHandle.current().pid();
    List<Long> pids = allPids();
    int count = 0;
    long bytes = 0;
    for (long pid : pids) {
      if (pid == self || isDescendantOf(pid, self) || inCellCgroup(pid, cellPrefix)) {
        long rss = residentBytes(pid);
        if (rss >= 0) {
          count++;
          bytes += rss;
        }
      }
    }
    return new ProcessMemory(count, bytes);
  }

  /** Processes in the cgroups of cells whose ids start with {@code cellPrefix}. */
  static int cellProcesses(String cellPrefix) {
    return (int) allPids().stream().filter(pid -> inCellCgroup(pid, cellPrefix)).count();
  }

  private static List<Long> allPids() {
    try (Stream<Path> entries = Files.list(Path.of("/proc"))) {
      return entries
          .map(p -> p.getFileName().toString())
          .filter(name -> name.chars().allMatch(Character::isDigit))
          .map(Long::parseLong)
          .toList();
    } catch (IOException e) {
      throw new CliException("cannot list /proc: " + e.getMessage(), "bench_failed", 1);
    }
  }

  private static boolean isDescendantOf(long pid, long ancestor) {
    return ProcessHandle.of(pid)
        .map(
            p -> {
              for (var parent = p.parent(); parent.isPresent(); parent = parent.get().parent()) {
                if (parent.get().pid() == ancestor) {
                  return true;
                }
              }
              return false;
            })
        .orElse(false);
  }

  /**
   * bubblewrap cells live in cgroup {@code /oncell-<hash>/<id>}, gVisor ones in {@code
   * /oncell/oc-<hash>-<id>.<generation>}.
   */
  private static boolean inCellCgroup(long pid, String cellPrefix) {
    try {
      return Files.readAllLines(Path.of("/proc", Long.toString(pid), "cgroup")).stream()
          .anyMatch(
              line ->
                  line.contains(":/oncell")
                      && (line.contains("/" + cellPrefix) || line.contains("-" + cellPrefix)));
    } catch (IOException e) {
      return false; // the process is gone
    }
  }

  private static long residentBytes(long pid) {
    try {
      for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
        if (line.startsWith("VmRSS:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
        }
      }
      return 0; // kernel threads have no VmRSS
    } catch (IOException | NumberFormatException e) {
      return -1;
    }
  }
}
