package dev.oncell.agent.tools;

import java.util.Objects;

/**
 * One edit a model asked for, parsed from its answer by {@link EditBlocks#parse}.
 *
 * <p>Paths are relative to the repository (the cell's {@code /work}); {@link EditBlocks#checkPath}
 * refuses absolute paths, {@code ..} and {@code .git}, so an edit never leaves the work tree.
 */
public sealed interface EditBlock {

  /** The file the edit is for, relative to the repository. */
  String path();

  /**
   * Replace {@code search} (which must occur exactly once) by {@code replace}.
   *
   * @param search the text to find, never empty
   * @param replace what replaces it; empty deletes it
   */
  record Replace(String path, String search, String replace) implements EditBlock {
    public Replace {
      Objects.requireNonNull(path, "path");
      Objects.requireNonNull(replace, "replace");
      if (Objects.requireNonNull(search, "search").isEmpty()) {
        throw new IllegalArgumentException("a Replace needs a SEARCH text; use WriteFile");
      }
    }
  }

  /**
   * Create a file with {@code content}: an empty SEARCH section. Refused for a file that exists, so
   * a model's slip cannot wipe a file it meant to patch.
   */
  record WriteFile(String path, String content) implements EditBlock {
    public WriteFile {
      Objects.requireNonNull(path, "path");
      Objects.requireNonNull(content, "content");
    }
  }
}
