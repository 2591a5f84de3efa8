package dev.oncell.eval;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A review task: the base branch's files ({@code base/}), the pull request's changed or added files
 * at its head ({@code head/}, laid over the base), its title, and the findings a good review
 * reports.
 */
record ReviewTask(
    String name,
    String title,
    Map<String, String> base,
    Map<String, String> head,
    List<Expected> expected) {

  static final Set<String> CATEGORIES = Set.of("bug", "security", "performance", "style", "tests");

  /** A finding expected on {@code file} between lines {@code from} and {@code to} (head side). */
  record Expected(String file, int from, int to, String category) {

    boolean matches(Reported r) {
      return r.file().equals(file)
          && r.line() >= from
          && r.line() <= to
          && r.category().equals(category);
    }
  }

  /** A finding the agent reported (inline or in the summary as outside the diff). */
  record Reported(String file, int line, String category) {}

  static ReviewTask read(Path dir) {
    JsonNode json = Suite.taskJson(dir);
    Path file = dir.resolve("task.json");
    JsonNode list = json.path("expected");
    if (!list.isArray()) {
      throw Suite.invalid(file + ": \"expected\" is a list (possibly empty) of findings");
    }
    List<Expected> expected = new ArrayList<>();
    for (JsonNode e : list) {
      JsonNode lines = e.path("lines");
      String category = e.path("category").asText("").toLowerCase(Locale.ROOT);
      if (!e.path("file").isTextual()
          || !lines.isArray()
          || lines.size() != 2
          || !lines.get(0).canConvertToInt()
          || !lines.get(1).canConvertToInt()
          || lines.get(0).asInt() < 1
          || lines.get(1).asInt() < lines.get(0).asInt()
          || !CATEGORIES.contains(category)) {
        throw Suite.invalid(
            file
                + ": each expected finding is {\"file\", \"lines\": [from, to] (1 <= from <= to),"
                + " \"category\": one of "
                + CATEGORIES.stream().sorted().toList()
                + "}; got "
                + e);
      }
      expected.add(
          new Expected(
              e.path("file").asText(), lines.get(0).asInt(), lines.get(1).asInt(), category));
    }
    return new ReviewTask(
        dir.getFileName().toString(),
        json.path("title").asText(dir.getFileName().toString()),
        Suite.files(dir.resolve("base"), true),
        Suite.files(dir.resolve("head"), true),
        List.copyOf(expected));
  }
}
