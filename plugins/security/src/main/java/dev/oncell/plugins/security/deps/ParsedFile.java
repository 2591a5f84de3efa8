package dev.oncell.plugins.security.deps;

import java.util.List;
import java.util.Optional;

/**
 * What one lock file or manifest gave: its dependencies, what it names without an exact version,
 * or, when it could not be read at all, why it was skipped (and nothing else).
 */
record ParsedFile(
    List<Dependency> dependencies, List<Unresolved> unresolved, Optional<Skipped> skipped) {

  static ParsedFile of(List<Dependency> dependencies, List<Unresolved> unresolved) {
    return new ParsedFile(List.copyOf(dependencies), List.copyOf(unresolved), Optional.empty());
  }

  static ParsedFile skipped(String file, String reason) {
    return new ParsedFile(List.of(), List.of(), Optional.of(new Skipped(file, reason)));
  }
}
