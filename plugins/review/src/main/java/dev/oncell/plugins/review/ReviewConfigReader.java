package dev.oncell.plugins.review;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads {@link ReviewConfig} from {@code .oncell/review.yaml} (YAML, read with Jackson's YAML
 * parser) or from the customer's config {@code review} object: the same keys either way. An unknown
 * key or value fails the review with {@code review_config_invalid} and names it, rather than
 * reviewing by rules nobody wrote.
 *
 * <pre>
 * include: ["src/**", "lib/**"]
 * exclude:
 *   - "**&#47;generated/**"
 * threshold: minor        # critical | major | minor | info
 * blockOn: critical       # the least severity that requests changes
 * profile: thorough       # terse | thorough
 * instructions:           # what to look for, per glob, in file order
 *   "src/db/**": Every query must be parameterised.
 *   "**&#47;*.py": Public functions need type hints.
 * </pre>
 */
final class ReviewConfigReader {

  private static final Set<String> KEYS =
      new TreeSet<>(
          Set.of("include", "exclude", "threshold", "blockOn", "profile", "instructions"));

  /** The file comes from the customer's repository: a bound on what is read at all. */
  static final int MAX_FILE_CHARS = 64 * 1024;

  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  private ReviewConfigReader() {}

  /** The rules in a {@code review.yaml} text, over the defaults. */
  static ReviewConfig fromYaml(String text) {
    if (text.length() > MAX_FILE_CHARS) {
      throw invalid(
          ".oncell/review.yaml is "
              + text.length()
              + " characters, over the "
              + MAX_FILE_CHARS
              + " a review's rules may have");
    }
    JsonNode root;
    try {
      root = YAML.readTree(text);
    } catch (JacksonException e) {
      throw invalid("cannot read .oncell/review.yaml: " + e.getOriginalMessage() + location(e));
    }
    if (root == null || root.isMissingNode() || root.isNull()) {
      return ReviewConfig.defaults(); // an empty file, or only comments
    }
    if (!root.isObject()) {
      throw invalid(
          ".oncell/review.yaml must be a mapping of settings, such as 'threshold: major'");
    }
    return fromJson(root);
  }

  /** The rules in the customer config's {@code review} object, over the defaults. */
  static ReviewConfig fromJson(JsonNode review) {
    review.fieldNames().forEachRemaining(ReviewConfigReader::known);
    ReviewConfig d = ReviewConfig.defaults();
    return new ReviewConfig(
        globs(review, "include", d.include()),
        globs(review, "exclude", d.exclude()),
        single(review, "threshold", Severity.class, d.threshold()),
        single(review, "blockOn", Severity.class, d.blockOn()),
        single(review, "profile", ReviewConfig.Profile.class, d.profile()),
        instructions(review.path("instructions")));
  }

  private static List<String> globs(JsonNode review, String key, List<String> fallback) {
    JsonNode value = review.path(key);
    if (value.isMissingNode() || value.isNull()) {
      return fallback;
    }
    List<String> items = new ArrayList<>();
    if (value.isTextual()) {
      items.add(value.asText());
    } else if (value.isArray()) {
      for (JsonNode item : value) {
        if (!item.isTextual()) {
          throw invalid(key + " lists globs (text), not " + item);
        }
        items.add(item.asText());
      }
    } else {
      throw invalid(key + " is a glob or a list of globs, not " + value);
    }
    return items;
  }

  private static <E extends Enum<E>> E single(
      JsonNode review, String key, Class<E> type, E fallback) {
    JsonNode value = review.path(key);
    if (value.isMissingNode() || value.isNull()) {
      return fallback;
    }
    if (!value.isTextual()) {
      throw invalid(key + " takes one value, not " + value);
    }
    return ReviewConfig.parse(type, key, value.asText());
  }

  private static List<ReviewConfig.PathInstruction> instructions(JsonNode value) {
    if (value.isMissingNode() || value.isNull()) {
      return List.of();
    }
    if (!value.isObject()) {
      throw invalid(
          "instructions maps globs to what to look for ('\"src/db/**\": Every query is"
              + " parameterised'), not "
              + value);
    }
    List<ReviewConfig.PathInstruction> out = new ArrayList<>();
    for (Map.Entry<String, JsonNode> e : value.properties()) {
      if (!e.getValue().isTextual() || e.getValue().asText().isBlank()) {
        throw invalid("the instruction for '" + e.getKey() + "' must be text");
      }
      out.add(new ReviewConfig.PathInstruction(e.getKey(), e.getValue().asText().strip()));
    }
    return out;
  }

  private static void known(String key) {
    if (!KEYS.contains(key)) {
      throw invalid("unknown review setting '" + key + "'; known: " + List.copyOf(KEYS));
    }
  }

  private static String location(JacksonException e) {
    return e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ")";
  }

  private static ReviewException invalid(String message) {
    return new ReviewException("review_config_invalid", message);
  }
}
