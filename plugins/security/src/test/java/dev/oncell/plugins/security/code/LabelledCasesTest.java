package dev.oncell.plugins.security.code;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oncell.plugins.security.Finding;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The benchmark's labelled cases as a regression test: every case the engine gets right stays
 * right, and every case listed in {@code cases/known-misses.txt} (the README lists them too) is
 * still wrong, so that the list stays true.
 */
class LabelledCasesTest {

  private static List<LabelledCase> cases;
  private static List<Finding> findings;

  @BeforeAll
  static void scan() {
    cases = LabelledCase.all();
    findings = CodeScanner.create().scan(cases.stream().map(LabelledCase::file).toList());
  }

  @Test
  void thereAreCasesOfEveryCategoryInEveryLanguage() {
    assertThat(cases).hasSizeGreaterThan(400);
    for (String language : List.of("java", "python", "javascript", "go")) {
      Set<String> categories =
          cases.stream()
              .filter(c -> c.language().equals(language))
              .map(LabelledCase::category)
              .collect(Collectors.toSet());
      assertThat(categories)
          .as("categories with cases in %s", language)
          .containsAll(
              List.of(
                  "sql",
                  "command",
                  "ldap",
                  "xpath",
                  "path",
                  "xss",
                  "trust-boundary",
                  "weak-hash",
                  "weak-cipher",
                  "random",
                  "cookie"));
    }
  }

  @Test
  void everyCaseOutsideTheKnownMissesGetsItsLabel() throws IOException {
    Set<String> knownMisses = knownMisses();
    StringBuilder wrong = new StringBuilder();
    StringBuilder nowRight = new StringBuilder();
    for (LabelledCase c : cases) {
      boolean right = c.flagged(findings) == c.vulnerable();
      if (!right && !knownMisses.contains(c.path())) {
        wrong.append("\n  ").append(c.vulnerable() ? "missed " : "false alarm ").append(c.path());
      }
      if (right && knownMisses.contains(c.path())) {
        nowRight.append("\n  ").append(c.path());
      }
    }
    assertThat(wrong.toString()).as("cases the engine gets wrong (not known misses)").isEmpty();
    assertThat(nowRight.toString())
        .as(
            "known misses the engine now gets right: take them out of known-misses.txt and the README")
        .isEmpty();
  }

  private static Set<String> knownMisses() throws IOException {
    try (InputStream in =
        LabelledCasesTest.class.getResourceAsStream(
            "/dev/oncell/plugins/security/code/known-misses.txt")) {
      if (in == null) {
        return Set.of();
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8)
          .lines()
          .map(String::strip)
          .filter(l -> !l.isEmpty() && !l.startsWith("#"))
          .map(l -> l.split("\\s+")[0])
          .collect(Collectors.toSet());
    }
  }
}
