package dev.oncell.plugins.security.deps;

import java.util.Objects;

/**
 * One package a lock file or manifest pins: what is matched against the OSV snapshot.
 *
 * @param ecosystem its ecosystem
 * @param name its name as the ecosystem writes it ({@code group:artifact} for Maven, the module
 *     path for Go)
 * @param version the exact version (Go's leading {@code v} kept, as {@code go.sum} writes it)
 * @param file the lock file, relative to the repository's root
 * @param line the 1-based line that names it
 */
public record Dependency(Ecosystem ecosystem, String name, String version, String file, int line) {

  public Dependency {
    Objects.requireNonNull(ecosystem, "ecosystem");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(file, "file");
  }

  /** {@code name@version}, the finding's snippet. */
  public String coordinates() {
    return name + "@" + version;
  }
}
