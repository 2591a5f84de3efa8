package dev.oncell.agent.git;

/**
 * The state of a file on one side of {@link GitStatus.Entry}: in the index (compared with {@code
 * HEAD}) or in the working tree (compared with the index). Git's one-letter codes in brackets.
 */
public enum FileState {
  /** Unchanged on this side ({@code .}). */
  UNMODIFIED,
  /** Contents or mode changed ({@code M}). */
  MODIFIED,
  /** Turned from a file into a link or back ({@code T}). */
  TYPE_CHANGED,
  /** Added ({@code A}). */
  ADDED,
  /** Deleted ({@code D}). */
  DELETED,
  /** Renamed ({@code R}); {@link GitStatus.Entry#originalPath()} holds the old path. */
  RENAMED,
  /** Copied ({@code C}); {@link GitStatus.Entry#originalPath()} holds the source. */
  COPIED,
  /** Both sides of a merge changed it and the conflict is not resolved ({@code U}). */
  UNMERGED;

  /** The state for one of git's status letters. */
  public static FileState of(char letter) {
    return switch (letter) {
      case '.' -> UNMODIFIED;
      case 'M' -> MODIFIED;
      case 'T' -> TYPE_CHANGED;
      case 'A' -> ADDED;
      case 'D' -> DELETED;
      case 'R' -> RENAMED;
      case 'C' -> COPIED;
      case 'U' -> UNMERGED;
      default -> throw new IllegalArgumentException("not a git status letter: " + letter);
    };
  }
}
