package dev.oncell.eval;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * A coding task: a repository ({@code repo/}), the instruction the agent gets, and the hidden test
 * ({@code hidden/} files written over the agent's branch, then {@code test} run in the cell) that
 * decides whether it is resolved. {@code config} is added to the customer's config.
 */
record CodingTask(
    String name,
    String instruction,
    String test,
    Duration timeout,
    JsonNode config,
    Map<String, String> repo,
    Map<String, String> hidden) {

  static CodingTask read(Path dir) {
    JsonNode json = Suite.taskJson(dir);
    int seconds = json.path("timeoutSeconds").asInt(300);
    if (seconds < 1 || seconds > 3600) {
      throw Suite.invalid(dir.resolve("task.json") + ": timeoutSeconds is 1 to 3600");
    }
    JsonNode config = json.path("config");
    if (!config.isMissingNode() && !config.isObject()) {
      throw Suite.invalid(dir.resolve("task.json") + ": \"config\" is an object");
    }
    return new CodingTask(
        dir.getFileName().toString(),
        Suite.text(json, "instruction", dir),
        Suite.text(json, "test", dir),
        Duration.ofSeconds(seconds),
        config.isObject() ? config : Suite.JSON.createObjectNode(),
        Suite.files(dir.resolve("repo"), true),
        Suite.files(dir.resolve("hidden"), false));
  }
}
