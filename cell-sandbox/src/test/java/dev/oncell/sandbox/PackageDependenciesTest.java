package dev.oncell.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The package map of the README, checked on the sources: which of this module's packages each
 * package may name (imports, qualified names and javadoc links alike), so that the sub-packages of
 * {@code internal} keep one direction and the codec and the file access stay free of the rest. The
 * API package may name the backends it creates; everything may name the API package.
 */
class PackageDependenciesTest {

  private static final Path SOURCES = Path.of("src/main/java/dev/oncell/sandbox");
  private static final Pattern NAMED =
      Pattern.compile("dev\\.oncell\\.sandbox\\.(internal\\.[a-z]+|internal|http|fs)\\b");

  /** Each package (relative to dev.oncell.sandbox) and the ones it may name besides the API. */
  private static final Map<String, Set<String>> ALLOWED =
      Map.of(
          "http", Set.of(),
          "fs", Set.of(),
          "internal.process", Set.of(),
          "internal.cgroup", Set.of(),
          "internal.disk", Set.of("internal.process", "fs"),
          "internal.egress", Set.of("internal.process", "http"),
          "internal.bwrap",
              Set.of("internal.process", "internal.cgroup", "internal.disk", "internal.egress"),
          "internal.runsc",
              Set.of("internal.process", "internal.cgroup", "internal.disk", "internal.egress"));

  @Test
  void eachPackageNamesOnlyThePackagesItMayDependOn() throws IOException {
    Set<String> violations = new TreeSet<>();
    Set<String> seen = new TreeSet<>();
    try (Stream<Path> files = Files.walk(SOURCES)) {
      files
          .filter(f -> f.toString().endsWith(".java"))
          .filter(f -> !f.getFileName().toString().equals("package-info.java"))
          .forEach(
              file -> {
                String pkg = SOURCES.relativize(file.getParent()).toString().replace('/', '.');
                if (pkg.isEmpty()) {
                  return; // The API package: its factories create the backends.
                }
                seen.add(pkg);
                Set<String> allowed = ALLOWED.get(pkg);
                if (allowed == null) {
                  violations.add(pkg + " is not in the package map (README and this test)");
                  return;
                }
                Matcher named = NAMED.matcher(read(file));
                while (named.find()) {
                  String other = named.group(1);
                  if (!other.equals(pkg) && !allowed.contains(other)) {
                    violations.add(SOURCES.relativize(file) + " names " + other);
                  }
                }
              });
    }
    assertThat(violations).as("package dependencies outside the map").isEmpty();
    assertThat(seen).as("every package of the map exists").isEqualTo(ALLOWED.keySet());
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
