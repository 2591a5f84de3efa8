package dev.oncell.agent.git;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@link Git#diff} found: per file counts (git's {@code --numstat}) and the unified diff.
 *
 * @param files the changed files, in git's order
 * @param patch the unified diff ({@code git diff} with three lines of context)
 * @param truncated whether {@code patch} was cut at the cell's output cap; {@code files} is then
 *     still complete unless the list alone exceeded it
 */
public record GitDiff(List<FileDiff> files, String patch, boolean truncated) {

  /**
   * One changed file.
   *
   * @param path its path after the change, relative to the repository
   * @param oldPath its path before, if it was renamed
   * @param added lines added (0 for a binary file)
   * @param deleted lines deleted (0 for a binary file)
   * @param binary whether git treats the file as binary
   */
  public record FileDiff(
      String path, Optional<String> oldPath, int added, int deleted, boolean binary) {

    public FileDiff {
      Objects.requireNonNull(path, "path");
      Objects.requireNonNull(oldPath, "oldPath");
    }
  }

  public GitDiff {
    files = List.copyOf(files);
    Objects.requireNonNull(patch, "patch");
  }

  /** Whether the two sides are the same. */
  public boolean empty() {
    return files.isEmpty();
  }

  /** Lines added over all files. */
  public int added() {
    return files.stream().mapToInt(FileDiff::added).sum();
  }

  /** Lines deleted over all files. */
  public int deleted() {
    return files.stream().mapToInt(FileDiff::deleted).sum();
  }
}
