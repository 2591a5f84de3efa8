package dev.oncell.plugins.migration;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.Optional;

/**
 * The customer's configuration of the agent, read once per call.
 *
 * @param maxFixRounds how many times the model may fix a step whose gates fail before it is
 *     reverted ({@code maxFixRounds}, default 2, 0 to 10)
 * @param testTimeout how long one test run may take ({@code testTimeoutSeconds}, default 600)
 * @param model the model to ask ({@code model}); empty for the server's default
 * @param coverageReport where the test command writes its coverage report ({@code coverageReport});
 *     empty to look in the usual places
 * @param maxCoverageDrop how many points line coverage may drop in one step ({@code
 *     maxCoverageDrop}, default 5)
 */
record Settings(
    int maxFixRounds,
    Duration testTimeout,
    Optional<String> model,
    Optional<String> coverageReport,
    double maxCoverageDrop) {

  static final int DEFAULT_FIX_ROUNDS = 2;
  static final int DEFAULT_TEST_TIMEOUT_SECONDS = 600;
  static final double DEFAULT_COVERAGE_DROP = 5.0;

  static Settings from(JsonNode config) {
    int rounds = config.path("maxFixRounds").asInt(DEFAULT_FIX_ROUNDS);
    if (rounds < 0 || rounds > 10) {
      throw new IllegalArgumentException(
          "config.maxFixRounds must be between 0 and 10, not " + rounds);
    }
    int seconds = config.path("testTimeoutSeconds").asInt(DEFAULT_TEST_TIMEOUT_SECONDS);
    if (seconds < 1) {
      throw new IllegalArgumentException("config.testTimeoutSeconds must be positive");
    }
    double drop = config.path("maxCoverageDrop").asDouble(DEFAULT_COVERAGE_DROP);
    if (drop < 0 || drop > 100) {
      throw new IllegalArgumentException("config.maxCoverageDrop must be between 0 and 100");
    }
    Optional<String> report = text(config, "coverageReport");
    report.ifPresent(r -> Scope.of(r)); // a relative path inside the repository
    return new Settings(rounds, Duration.ofSeconds(seconds), text(config, "model"), report, drop);
  }

  private static Optional<String> text(JsonNode config, String key) {
    return config.path(key).isTextual() && !config.path(key).asText().isBlank()
        ? Optional.of(config.path(key).asText().strip())
        : Optional.empty();
  }
}
