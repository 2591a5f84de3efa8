package dev.oncell.plugins.coding;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.Optional;

/**
 * The customer's configuration of the agent, read once per call.
 *
 * @param maxRounds how many times the tests may run before the task fails ({@code maxRounds},
 *     default 3)
 * @param testTimeout how long one test run may take ({@code testTimeoutSeconds}, default 600)
 * @param model the model to ask ({@code model}); empty for the server's default
 */
record Settings(int maxRounds, Duration testTimeout, Optional<String> model) {

  static final int DEFAULT_MAX_ROUNDS = 3;
  static final int DEFAULT_TEST_TIMEOUT_SECONDS = 600;

  static Settings from(JsonNode config) {
    int rounds = config.path("maxRounds").asInt(DEFAULT_MAX_ROUNDS);
    if (rounds < 1 || rounds > 20) {
      throw new IllegalArgumentException(
          "config.maxRounds must be between 1 and 20, not " + rounds);
    }
    int seconds = config.path("testTimeoutSeconds").asInt(DEFAULT_TEST_TIMEOUT_SECONDS);
    if (seconds < 1) {
      throw new IllegalArgumentException("config.testTimeoutSeconds must be positive");
    }
    Optional<String> model =
        config.path("model").isTextual()
            ? Optional.of(config.path("model").asText())
            : Optional.empty();
    return new Settings(rounds, Duration.ofSeconds(seconds), model);
  }
}
