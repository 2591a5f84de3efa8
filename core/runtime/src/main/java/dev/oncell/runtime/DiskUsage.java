package dev.oncell.runtime;

import dev.oncell.sandbox.fs.CellDir;
import dev.oncell.sandbox.fs.CellTree;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Objects;

/**
 * What a cell's work folder holds on disk.
 *
 * @param bytes the bytes its regular files occupy on disk (their allocated blocks: a sparse file
 *     counts what it really uses, not its apparent size)
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
   * Walks {@code folder} through directory descriptors, never following a link (the cell may swap a
   * folder for one during the walk). Entries that vanish during the walk are skipped; folders
   * deeper than {@link CellTree#MAX_DEPTH} are not counted.
   */
  public static DiskUsage measure(Path folder, Instant now) {
    long[] totals = new long[2];
    try (CellDir root = CellDir.open(folder)) {
      CellTree.walk(
          root,
          "",
          (path, stat, parent, name) -> {
            if (stat.isFile()) {
              totals[0] += stat.allocated();
              totals[1]++;
            }
          });
    } catch (IOException e) {
      throw new UncheckedIOException("cannot measure a cell's work folder: " + e.getMessage(), e);
    }
    return new DiskUsage(totals[0], totals[1], now);
  }
}
