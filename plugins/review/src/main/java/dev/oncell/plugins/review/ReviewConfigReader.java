package dev.oncell.plugins.review;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Reads {@link ReviewConfig} from {@code .oncell/review.yaml} or from the customer's config {@code
 * review} object. The file is a small YAML subset, on purpose: {@code key: value} lines and lists
 * ({@code - item} lines below the key, or {@code [a, b]}), comments with {@code #}. That keeps the
 * plugin free of a YAML library the host would have to provide, and every file people write for
 * these five keys fits it. An unknown key or value fails the review with {@code
 * review_config_invalid} and names it, rather than reviewing by rules nobody wrote.
 *
 * <pre>
 * include: ["src/**", "lib/**"]
 * exclude:
 *   - "**&#47;generated/**"
 * threshold: minor        # critical | major | minor | info
 * blockOn: critical       # the least severity that requests changes
 * profile: thorough       # terse | thorough
 * </pre>
 */
final class ReviewConfigReader {

  private static final Set<String> KEYS =
      Set.of("include", "exclude", "threshold", "blockOn", "profile");

  private ReviewConfigReader() {}

  /** The rules in a {@code review.yaml} text, over the defaults. */
  static ReviewConfig fromYaml(String text) {
    Map<String, List<String>> values = new TreeMap<>();
    String listKey = null;
    for (String raw : text.split("\n")) {
      String line = stripComment(raw);
      if (line.isBlank()) {
        continue;
      }
      String trimmed = line.strip();
      if (trimmed.startsWith("- ") && listKey != null && Character.isWhitespace(line.charAt(0))) {
        values.get(listKey).add(unquote(trimmed.substring(2)));
        continue;
      }
      int colon = trimmed.indexOf(':');
      if (colon < 1 || Character.isWhitespace(line.charAt(0))) {
        throw invalid("cannot read the line '" + raw.strip() + "' of .oncell/review.yaml");
      }
      String key = known(trimmed.substring(0, colon).strip());
      String value = trimmed.substring(colon + 1).strip();
      List<String> items = new ArrayList<>();
      values.put(key, items);
      listKey = value.isEmpty() ? key : null;
      if (value.startsWith("[") && value.endsWith("]")) {
        for (String item : value.substring(1, value.length() - 1).split(",")) {
          if (!item.isBlank()) {
            items.add(unquote(item.strip()));
          }
        }
      } else if (!value.isEmpty()) {
        items.add(unquote(value));
      }
    }
    return build(values);
  }

  /** The rules in the customer config's {@code review} object, over the defaults. */
  static ReviewConfig fromJson(JsonNode review) {
    Map<String, List<String>> values = new TreeMap<>();
    review
        .properties()
        .forEach(
            e -> {
              List<String> items = new ArrayList<>();
              if (e.getValue().isArray()) {
                e.getValue().forEach(v -> items.add(v.asText()));
              } else {
                items.add(e.getValue().asText());
              }
              values.put(known(e.getKey()), items);
            });
    return build(values);
  }

  private static ReviewConfig build(Map<String, List<String>> values) {
    ReviewConfig d = ReviewConfig.defaults();
    return new ReviewConfig(
        values.getOrDefault("include", d.include()),
        values.getOrDefault("exclude", d.exclude()),
        single(values, "threshold", Severity.class, d.threshold()),
        single(values, "blockOn", Severity.class, d.blockOn()),
        single(values, "profile", ReviewConfig.Profile.class, d.profile()));
  }

  private static <E extends Enum<E>> E single(
      Map<String, List<String>> values, String key, Class<E> type, E fallback) {
    List<String> v = values.get(key);
    if (v == null) {
      return fallback;
    }
    if (v.size() != 1) {
      throw invalid(key + " takes one value, not " + v);
    }
    return ReviewConfig.parse(type, key, v.getFirst());
  }

  private static String known(String key) {
    if (!KEYS.contains(key)) {
      throw invalid(
          "unknown review setting '" + key + "'; known: " + KEYS.stream().sorted().toList());
    }
    return key;
  }

  private static String stripComment(String line) {
    int hash = line.indexOf(" #");
    String cut = line.startsWith("#") ? "" : hash < 0 ? line : line.substring(0, hash);
    return cut.stripTrailing();
  }

  private static String unquote(String s) {
    if (s.length() >= 2
        && (s.startsWith("\"") && s.endsWith("\"") || s.startsWith("'") && s.endsWith("'"))) {
      return s.substring(1, s.length() - 1);
    }
    return s;
  }

  private static ReviewException invalid(String message) {
    return new ReviewException("review_config_invalid", message);
  }
}
