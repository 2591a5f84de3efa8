package dev.oncell.agent.git;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@link Git#status} found (git's {@code status --porcelain=v2}).
 *
 * @param branch the branch checked out; empty when {@code HEAD} is detached
 * @param head the commit checked out; empty in a repository without commits
 * @param entries tracked files that differ from {@code HEAD} in the index or the working tree, in
 *     git's order (by path)
 * @param untracked files git does not track and does not ignore, by path
 */
public record GitStatus(
    Optional<String> branch, Optional<String> head, List<Entry> entries, List<String> untracked) {

  /**
   * One changed tracked file.
   *
   * @param path the file, relative to the repository's folder
   * @param originalPath the path it was renamed or copied from, if it was
   * @param index its state in the index, compared with {@code HEAD} (what a commit would take)
   * @param worktree its state in the working tree, compared with the index (not yet added)
   */
  public record Entry(
      String path, Optional<String> originalPath, FileState index, FileState worktree) {

    public Entry {
      Objects.requireNonNull(path, "path");
      Objects.requireNonNull(originalPath, "originalPath");
      Objects.requireNonNull(index, "index");
      Objects.requireNonNull(worktree, "worktree");
    }

    /** Whether a commit would take a change of this file. */
    public boolean staged() {
      return index != FileState.UNMODIFIED && index != FileState.UNMERGED;
    }

    /** Whether a merge left this file in conflict. */
    public boolean conflicted() {
      return index == FileState.UNMERGED || worktree == FileState.UNMERGED;
    }
  }

  public GitStatus {
    Objects.requireNonNull(branch, "branch");
    Objects.requireNonNull(head, "head");
    entries = List.copyOf(entries);
    untracked = List.copyOf(untracked);
  }

  /** Nothing to commit and nothing untracked. */
  public boolean clean() {
    return entries.isEmpty() && untracked.isEmpty();
  }

  /** Whether something is staged, so that {@link Git#commit} has something to commit. */
  public boolean hasStaged() {
    return entries.stream().anyMatch(Entry::staged);
  }
}
