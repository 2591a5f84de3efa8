package dev.oncell.plugins.security.deps;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * The package ecosystems the engine understands, named as OSV names them, each with its version
 * ordering and the way package names compare (PyPI's are normalised as PEP 503 says, npm's and
 * Maven's are exact).
 */
public enum Ecosystem {
  NPM("npm", SemverOrder.INSTANCE),
  PYPI("PyPI", Pep440Order.INSTANCE),
  MAVEN("Maven", MavenOrder.INSTANCE),
  GO("Go", SemverOrder.INSTANCE),
  CRATES_IO("crates.io", SemverOrder.INSTANCE);

  private final String osvName;
  private final VersionOrder order;

  Ecosystem(String osvName, VersionOrder order) {
    this.osvName = osvName;
    this.order = order;
  }

  /** The name in OSV records ({@code affected[].package.ecosystem}) and in reports. */
  public String osvName() {
    return osvName;
  }

  VersionOrder order() {
    return order;
  }

  /**
   * The ecosystem OSV names {@code name}; case-insensitive, so that {@code --ecosystem pypi} works.
   * Names with a release suffix ({@code Debian:12}) and ecosystems without a parser here are empty.
   */
  public static Optional<Ecosystem> fromOsv(String name) {
    return Arrays.stream(values()).filter(e -> e.osvName.equalsIgnoreCase(name)).findFirst();
  }

  /** The names of all ecosystems, for error messages. */
  public static String names() {
    return String.join(", ", Arrays.stream(values()).map(Ecosystem::osvName).toList());
  }

  /** The name as it is compared: PEP 503 normalisation for PyPI, as written otherwise. */
  public String normalize(String packageName) {
    String name = packageName.strip();
    if (this == PYPI) {
      return collapseSeparators(name.toLowerCase(Locale.ROOT));
    }
    return name;
  }

  /** Runs of {@code -}, {@code _} and {@code .} become one {@code -} (no regex: linear time). */
  private static String collapseSeparators(String name) {
    StringBuilder out = new StringBuilder(name.length());
    boolean inRun = false;
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (c == '-' || c == '_' || c == '.') {
        if (!inRun) {
          out.append('-');
        }
        inRun = true;
      } else {
        out.append(c);
        inRun = false;
      }
    }
    return out.toString();
  }
}
