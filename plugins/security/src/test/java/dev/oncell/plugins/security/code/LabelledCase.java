package dev.oncell.plugins.security.code;

import dev.oncell.plugins.security.Finding;
import dev.oncell.plugins.security.SourceFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * One labelled case of the code engine's benchmark ({@code
 * cases/<language>/<category>/<Name>.<ext>}, written by {@code src/test/bench/make_cases.py}): its
 * first line says {@code oncell-bench: vulnerable <category>} or {@code oncell-bench: safe
 * <category>}.
 */
record LabelledCase(
    String path, String language, String category, boolean vulnerable, SourceFile file) {

  /** The engine's verdict: a finding of the case's category. */
  boolean flagged(List<Finding> findings) {
    return findings.stream()
        .anyMatch(f -> f.file().equals(path) && categoryOf(f.rule(), findings).equals(category));
  }

  private String categoryOf(String rule, List<Finding> findings) {
    return CATEGORIES.category(language, rule);
  }

  private static final RuleCategories CATEGORIES = new RuleCategories();

  /** Every case under the test resources, sorted by path. */
  static List<LabelledCase> all() {
    Path root;
    try {
      root =
          Path.of(
              LabelledCase.class.getResource("/dev/oncell/plugins/security/code/cases").toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
    try (Stream<Path> walk = Files.walk(root)) {
      return walk.filter(Files::isRegularFile).sorted().map(p -> read(root, p)).toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static LabelledCase read(Path root, Path file) {
    try {
      byte[] content = Files.readAllBytes(file);
      String rel = root.relativize(file).toString().replace('\\', '/');
      String first =
          new String(content, java.nio.charset.StandardCharsets.UTF_8)
              .lines()
              .findFirst()
              .orElse("");
      String[] words = first.substring(first.indexOf("oncell-bench:") + 13).strip().split("\\s+");
      return new LabelledCase(
          rel,
          rel.substring(0, rel.indexOf('/')),
          words[1],
          words[0].equals("vulnerable"),
          new SourceFile(rel, "case", content));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The category of each shipped rule id, read from the rule files. */
  static final class RuleCategories {
    private final java.util.Map<String, String> byRule = new java.util.HashMap<>();

    RuleCategories() {
      for (String language : List.of("java", "python", "javascript", "go")) {
        for (Rules.Sink sink : RuleLoader.shipped(language).sinks()) {
          byRule.put(sink.id(), sink.category());
        }
      }
    }

    String category(String language, String rule) {
      return byRule.getOrDefault(rule, "");
    }
  }
}
