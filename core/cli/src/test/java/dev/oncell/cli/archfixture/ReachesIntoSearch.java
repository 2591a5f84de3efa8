package dev.oncell.cli.archfixture;

import dev.oncell.search.internal.files.Glob;

/** A deliberate boundary violation: {@code ArchitectureTest} checks that its rules catch it. */
public final class ReachesIntoSearch {
  private ReachesIntoSearch() {}

  public static boolean matches(String path) {
    return Glob.compile("*.java").matches(path);
  }
}
