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

  /** The findings in {@code files}, in file order then line order. */
  List<Finding> scan(List<SourceFile> files);
}
