package dev.oncell.plugins.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Set;

/**
 * What SARIF 2.1.0's schema requires of a log, and what code hosts need besides: {@code version}
 * 2.1.0, {@code $schema}, runs each with {@code tool.driver.name} and {@code rules} (each with an
 * id), results each with a {@code ruleId} among the rules (and a {@code ruleIndex} pointing at it),
 * a {@code level} of the schema's enum, a {@code message.text}, {@code locations} with an artifact
 * URI and a start line of 1 or more, and {@code partialFingerprints}.
 */
final class SarifShape {

  private static final Set<String> LEVELS = Set.of("none", "note", "warning", "error");

  private SarifShape() {}

  static void check(JsonNode log) {
    assertThat(log.path("version").asText()).isEqualTo("2.1.0");
    assertThat(log.path("$schema").asText()).contains("sarif-2.1.0");
    assertThat(log.path("runs").isArray() && log.path("runs").size() > 0).isTrue();
    for (JsonNode run : log.path("runs")) {
      JsonNode driver = run.path("tool").path("driver");
      assertThat(driver.path("name").asText()).isNotEmpty();
      JsonNode rules = driver.path("rules");
      assertThat(rules.isArray()).as("tool.driver.rules").isTrue();
      for (JsonNode rule : rules) {
        assertThat(rule.path("id").asText()).isNotEmpty();
      }
      assertThat(run.path("results").isArray()).isTrue();
      for (JsonNode result : run.path("results")) {
        String ruleId = result.path("ruleId").asText();
        int index = result.path("ruleIndex").asInt(-1);
        assertThat(index).isBetween(0, rules.size() - 1);
        assertThat(rules.get(index).path("id").asText()).isEqualTo(ruleId);
        assertThat(LEVELS).contains(result.path("level").asText());
        assertThat(result.path("message").path("text").asText()).isNotEmpty();
        JsonNode location = result.path("locations").get(0).path("physicalLocation");
        assertThat(location.path("artifactLocation").path("uri").asText()).isNotEmpty();
        if (location.has("region")) {
          assertThat(location.path("region").path("startLine").asInt()).isPositive();
        }
        assertThat(result.path("partialFingerprints").size()).isPositive();
        for (JsonNode s : result.path("suppressions")) {
          assertThat(Set.of("inSource", "external")).contains(s.path("kind").asText());
        }
      }
    }
  }
}
