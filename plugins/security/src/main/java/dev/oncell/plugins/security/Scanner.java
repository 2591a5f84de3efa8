package dev.oncell.plugins.security;

import java.util.List;

/**
 * One engine of the security agent (secrets, dependencies, code): deterministic, with no model and
 * no network. The agent feeds it the files of the working tree (and, for secrets, of the history);
 * an engine looks only at the files it understands.
 */
public interface Scanner {

  /** The {@link Finding#category()} of what this engine finds. */
  String category();

  /**
   * The findings in {@code files}, in file order then line order. The agent gives one file per path
   * in a call (history holds many versions of a path: they come in separate calls).
   */
  List<Finding> scan(List<SourceFile> files);

  /**
   * Whether this engine also looks at every blob of the git history, not only the working tree.
   * Secrets do (a secret deleted in a later commit is still exposed); dependencies and code do not.
   */
  default boolean scansHistory() {
    return false;
  }

  /**
   * What, besides a blob's bytes, decides this engine's findings (its rules' hash, a database
   * snapshot's date): the agent scans a blob once per engine and version, so a new version scans
   * everything again.
   */
  default String version() {
    return "1";
  }

  /**
   * What the last {@link #scan} call had to leave out, and why ({@code "big.bin: skipped: too
   * large"}), one line each; read once.
   */
  default List<String> takeSkipped() {
    return List.of();
  }
}
