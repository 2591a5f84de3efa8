package dev.oncell.agent.git;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Which two trees {@link Git#diff} compares, optionally limited to some paths. Build with the
 * static factories; {@link #withPaths} narrows any of them.
 *
 * @param mode which trees
 * @param from the older side for {@link Mode#REFS} and {@link Mode#MERGE_BASE} (the base)
 * @param to the newer side for {@link Mode#REFS} and {@link Mode#MERGE_BASE} (the head)
 * @param paths files or folders relative to the repository to limit the diff to; empty means all
 */
public record DiffRequest(
    Mode mode, Optional<String> from, Optional<String> to, List<String> paths) {

  /** Which trees a diff compares. */
  public enum Mode {
    /** The working tree against the index: changes not yet added ({@code git diff}). */
    WORKING_TREE,
    /** The index against {@code HEAD}: what a commit would take ({@code git diff --cached}). */
    STAGED,
    /** The working tree against {@code HEAD}: everything not committed ({@code git diff HEAD}). */
    UNCOMMITTED,
    /** Commit {@code from} against commit {@code to} ({@code git diff from to}). */
    REFS,
    /**
     * What {@code to} changed since it left {@code from}: the merge base of both against {@code to}
     * ({@code git diff from...to}), which is what a pull request from {@code to} into {@code from}
     * shows.
     */
    MERGE_BASE
  }

  public DiffRequest {
    Objects.requireNonNull(mode, "mode");
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    paths = List.copyOf(paths);
    boolean twoRefs = mode == Mode.REFS || mode == Mode.MERGE_BASE;
    if (from.isPresent() != twoRefs || to.isPresent() != twoRefs) {
      throw new IllegalArgumentException(
          mode + " takes " + (twoRefs ? "both from and to" : "neither from nor to"));
    }
  }

  /** Changes in the working tree not yet added. */
  public static DiffRequest workingTree() {
    return new DiffRequest(Mode.WORKING_TREE, Optional.empty(), Optional.empty(), List.of());
  }

  /** Changes added and not yet committed. */
  public static DiffRequest staged() {
    return new DiffRequest(Mode.STAGED, Optional.empty(), Optional.empty(), List.of());
  }

  /** Every change not yet committed, added or not. */
  public static DiffRequest uncommitted() {
    return new DiffRequest(Mode.UNCOMMITTED, Optional.empty(), Optional.empty(), List.of());
  }

  /** From one commit to another. */
  public static DiffRequest between(String from, String to) {
    return new DiffRequest(Mode.REFS, Optional.of(from), Optional.of(to), List.of());
  }

  /** What {@code head} changed since it branched off {@code base} ({@code base...head}). */
  public static DiffRequest sinceMergeBase(String base, String head) {
    return new DiffRequest(Mode.MERGE_BASE, Optional.of(base), Optional.of(head), List.of());
  }

  /** This diff, limited to these paths. */
  public DiffRequest withPaths(List<String> value) {
    return new DiffRequest(mode, from, to, value);
  }
}
