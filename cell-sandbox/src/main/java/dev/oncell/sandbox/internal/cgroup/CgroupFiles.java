package dev.oncell.sandbox.internal.cgroup;

import dev.oncell.sandbox.SandboxException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/** Reading and writing cgroup interface files, and emptying and removing a cgroup folder. */
final class CgroupFiles {

  /** Held while creating or removing a group folder, so a cell's mkdir never races its rmdir. */
  static final Object TREE_LOCK = new Object();

  private static final long REMOVE_DEADLINE_NANOS = 10_000_000_000L;

  private CgroupFiles() {}

  static Optional<String> read(Path file) {
    try {
      return Optional.of(Files.readString(file).strip());
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  /** A number, or empty for {@code max}, {@code -1}, a missing file or anything unreadable. */
  static OptionalLong readLong(Path file) {
    return read(file).map(CgroupFiles::parseLimit).orElse(OptionalLong.empty());
  }

  static OptionalLong parseLimit(String value) {
    try {
      long n = Long.parseLong(value.strip());
      return n < 0 ? OptionalLong.empty() : OptionalLong.of(n);
    } catch (NumberFormatException e) {
      return OptionalLong.empty();
    }
  }

  /** The number after {@code key} in a flat keyed file ({@code key value} lines); 0 if absent. */
  static long statValue(Path file, String key) {
    return read(file)
        .flatMap(text -> text.lines().filter(l -> l.startsWith(key + " ")).findFirst())
        .map(l -> parseLimit(l.substring(key.length() + 1)).orElse(0))
        .orElse(0L);
  }

  /** Writes a value, failing clearly with the file and the value the kernel refused. */
  static void write(Path file, String value) {
    try {
      Files.writeString(file, value);
    } catch (IOException e) {
      throw new SandboxException(
          "cannot write '" + value + "' to " + file + ": " + e.getMessage(), false, e);
    }
  }

  static Path mkdirs(Path dir) {
    try {
      return Files.createDirectories(dir);
    } catch (IOException e) {
      throw new SandboxException(
          "cannot create the cgroup "
              + dir
              + " ("
              + e
              + "); the host must run as root or be given a delegated cgroup",
          false,
          e);
    }
  }

  /** The pids listed in {@code cgroup.procs} files. */
  static List<Long> pids(List<Path> procsFiles) {
    List<Long> pids = new ArrayList<>();
    for (Path file : procsFiles) {
      read(file)
          .ifPresent(
              text ->
                  text.lines().filter(l -> !l.isBlank()).map(Long::parseLong).forEach(pids::add));
    }
    return pids;
  }

  /**
   * Kills every process of the cgroup, round after round (a fork bomb forks while we kill, within
   * its pids limit), then removes the folders, innermost first. Gives up after 10 seconds.
   */
  static void killAndRemove(List<Path> procsFiles, List<Path> dirs) {
    long deadline = System.nanoTime() + REMOVE_DEADLINE_NANOS;
    while (true) {
      List<Long> pids = pids(procsFiles);
      pids.forEach(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly));
      boolean removed = true;
      for (Path dir : dirs) {
        removed &= rmdir(dir);
      }
      if (removed) {
        return;
      }
      if (System.nanoTime() > deadline) {
        throw new SandboxException("cannot empty and remove the cgroup " + dirs, true);
      }
      sleepBriefly();
    }
  }

  /** Removes an empty cgroup folder; false while processes are still in it. */
  static boolean rmdir(Path dir) {
    try {
      Files.delete(dir);
      return true;
    } catch (NoSuchFileException e) {
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private static void sleepBriefly() {
    try {
      Thread.sleep(20);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SandboxException("interrupted while removing a cgroup", true, e);
    }
  }
}
