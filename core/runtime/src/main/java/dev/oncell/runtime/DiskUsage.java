package dev.oncell.runtime;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.Objects;

/**
 * What a cell's work folder holds on disk.
 *
 * @param bytes the sizes of its regular files added up (not the blocks they occupy)
 * @param files how many regular files it holds
 * @param measuredAt when the folder was walked
 */
public record DiskUsage(long bytes, long files, Instant measuredAt) {

  public DiskUsage {
    Objects.requireNonNull(measuredAt, "measuredAt");
    if (bytes < 0 || files < 0) {
      throw new IllegalArgumentException("bytes and files cannot be negative");
    }
  }

  /**
   * Walks {@code folder} without following symbolic links. Files that vanish during the walk (a
   * command deleting them) are skipped, not errors.
   */
  public static DiskUsage measure(Path folder, Instant now) {
    long[] totals = new long[2];
    try {
      Files.walkFileTree(
          folder,
          new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
              if (attrs.isRegularFile()) {
                totals[0] += attrs.size();
                totals[1]++;
              }
              return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) {
              return FileVisitResult.CONTINUE;
            }
          });
    } catch (IOException e) {
      throw new UncheckedIOException("cannot measure " + folder, e);
    }
    return new DiskUsage(totals[0], totals[1], now);
  }
}
