package dev.oncell.plugins.migration;

import java.util.Optional;

/**
 * The part of the repository a migration may change: a folder or a file relative to its root, or
 * all of it. Checked as text before any file is touched: no absolute path, no {@code ..}, nothing
 * under {@code .git}; the files themselves are only reached through the cell ({@code git ls-files},
 * {@code ctx.store()}), never host-side.
 *
 * @param path the folder or file without a trailing slash; empty for the whole repository
 */
record Scope(String path) {

  static final Scope ALL = new Scope("");

  static Scope of(String scope) {
    if (scope == null) {
      return ALL;
    }
    String s = scope.strip().replace('\\', '/');
    while (s.startsWith("./")) {
      s = s.substring(2);
    }
    while (s.endsWith("/")) {
      s = s.substring(0, s.length() - 1);
    }
    Optional<String> problem = problem(s);
    if (problem.isPresent()) {
      throw MigrationException.invalid(
          MigrationException.INVALID_SCOPE, "scope " + quote(scope) + " " + problem.get());
    }
    return new Scope(s.equals(".") ? "" : s);
  }

  private static Optional<String> problem(String s) {
    if (s.isEmpty()) {
      return Optional.of("is empty: leave it out to migrate the whole repository");
    }
    if (s.startsWith("/")) {
      return Optional.of("must be relative to the repository's root");
    }
    for (String part : s.split("/")) {
      if (part.equals("..")) {
        return Optional.of("must not leave the repository (..)");
      }
      if (part.equals(".git")) {
        return Optional.of("must not name git's own files");
      }
    }
    if (s.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
      return Optional.of("holds a control character");
    }
    return Optional.empty();
  }

  /** Whether {@code file} (relative to the repository's root) is in scope. */
  boolean contains(String file) {
    return path.isEmpty() || file.equals(path) || file.startsWith(path + "/");
  }

  /** The {@code git} path argument for this scope, quoted for the shell. */
  String gitPathspec() {
    return path.isEmpty() ? "." : "'" + path.replace("'", "'\\''") + "'";
  }

  @Override
  public String toString() {
    return path.isEmpty() ? "the whole repository" : path;
  }

  private static String quote(String s) {
    String shown = s.length() > 80 ? s.substring(0, 80) + "..." : s;
    return "\"" + shown.replaceAll("\\p{Cntrl}", "?") + "\"";
  }
}
