package dev.oncell.agent.tools.secrets;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

/** The true- and false-positive fixtures of the shipped rules ({@code rule-fixtures.toml}). */
public record RuleFixtures(List<Fixture> fixtures) {

  /** The texts that must, and must not, give a finding of {@code rule}. */
  public record Fixture(String rule, List<String> positive, List<String> negative) {}

  public static RuleFixtures load() {
    try (InputStream in = RuleFixtures.class.getResourceAsStream("rule-fixtures.toml")) {
      JsonNode root = new TomlMapper().readTree(in);
      List<Fixture> out = new ArrayList<>();
      for (JsonNode f : root.path("fixture")) {
        out.add(new Fixture(f.path("rule").asText(), texts(f, "positive"), texts(f, "negative")));
      }
      return new RuleFixtures(out);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static List<String> texts(JsonNode f, String key) {
    List<String> out = new ArrayList<>();
    f.path(key).forEach(v -> out.add(v.asText()));
    return out;
  }

  /** Whether scanning {@code text} gives a finding of {@code rule}. */
  public static boolean finds(SecretScanner scanner, String rule, String text) {
    return scanner.scan("fixture.txt", text + "\n", java.util.Optional.empty()).leaks().stream()
        .anyMatch(l -> l.ruleId().equals(rule));
  }
}
