package dev.oncell.plugins.migration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The catalogue of recipes: the ones shipped in {@code recipes.json} beside this class, then the
 * customer's own ({@code config.recipes}, the same shape), so that a rule is added without code.
 * Looked up by id, or by {@code from} and {@code to}; the first match wins, shipped ones first.
 */
final class Recipes {

  static final String RESOURCE = "recipes.json";

  private static final ObjectMapper JSON = new ObjectMapper();

  private final TreeMap<String, Recipe> byId = new TreeMap<>();
  private final List<Recipe> inOrder = new ArrayList<>();

  private Recipes() {}

  /** The shipped recipes and the customer's. */
  static Recipes load(JsonNode config) {
    Recipes recipes = new Recipes();
    try (InputStream in = Recipes.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(RESOURCE + " is missing from the migration plugin");
      }
      recipes.addAll(JSON.readTree(in).path("recipes"), RESOURCE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + RESOURCE, e);
    }
    recipes.addAll(config.path("recipes"), "config.recipes");
    return recipes;
  }

  /** Parses recipes given as JSON ({@code {"recipes": [...]}}'s array), for tests and benches. */
  static Recipes parse(JsonNode array) {
    Recipes recipes = new Recipes();
    recipes.addAll(array, "recipes");
    return recipes;
  }

  /** Lower case, letters and digits only: "JUnit 4", "junit-4" and "junit4" are one name. */
  static String normalize(String name) {
    return name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
  }

  Optional<Recipe> byId(String id) {
    return Optional.ofNullable(byId.get(id.strip()));
  }

  Optional<Recipe> find(String from, String to) {
    return inOrder.stream().filter(r -> r.migrates(from, to)).findFirst();
  }

  List<String> ids() {
    return List.copyOf(byId.keySet());
  }

  private void addAll(JsonNode array, String source) {
    if (array.isMissingNode() || array.isNull()) {
      return;
    }
    if (!array.isArray()) {
      throw new IllegalArgumentException(source + " must be an array of recipes");
    }
    for (JsonNode node : array) {
      Recipe recipe = recipe(node, source);
      if (byId.putIfAbsent(recipe.id(), recipe) != null) {
        throw new IllegalArgumentException(
            source + ": recipe " + recipe.id() + " is defined twice");
      }
      inOrder.add(recipe);
    }
  }

  private static Recipe recipe(JsonNode node, String source) {
    String id = text(node, "id", source);
    String where = source + " recipe " + id;
    String usages = text(node, "usages", where);
    checkRegex(usages, where + " usages");
    List<RecipeStep> steps = new ArrayList<>();
    for (JsonNode s : node.path("steps")) {
      steps.add(step(s, where));
    }
    if (steps.isEmpty()) {
      throw new IllegalArgumentException(where + " has no steps");
    }
    return new Recipe(
        id,
        names(node.path("from"), where + " from"),
        names(node.path("to"), where + " to"),
        node.path("description").asText(""),
        usages,
        node.path("files").asText("**"),
        steps);
  }

  private static RecipeStep step(JsonNode node, String recipe) {
    String name = text(node, "name", recipe + " step");
    String where = recipe + " step \"" + name + "\"";
    Optional<String> when = optional(node, "when");
    when.ifPresent(w -> checkRegex(w, where + " when"));
    Optional<String> unless = optional(node, "unless");
    unless.ifPresent(u -> checkRegex(u, where + " unless"));
    List<Rule> rules = new ArrayList<>();
    int i = 0;
    for (JsonNode r : node.path("rules")) {
      i++;
      rules.add(
          Rule.of(
              text(r, "find", where + " rule " + i),
              r.path("replace").asText(""),
              where + " rule " + i));
    }
    try {
      return new RecipeStep(
          name,
          node.path("files").asText("**"),
          when,
          unless,
          rules,
          optional(node, "instruction"),
          optional(node, "command"));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(where + ": " + e.getMessage(), e);
    }
  }

  private static List<String> names(JsonNode node, String where) {
    List<String> names = new ArrayList<>();
    if (node.isTextual()) {
      names.add(node.asText());
    } else {
      node.forEach(n -> names.add(n.asText()));
    }
    if (names.isEmpty() || names.stream().anyMatch(n -> normalize(n).isEmpty())) {
      throw new IllegalArgumentException(where + " needs one or more names");
    }
    return names;
  }

  private static String text(JsonNode node, String field, String where) {
    JsonNode value = node.path(field);
    if (!value.isTextual() || value.asText().isBlank()) {
      throw new IllegalArgumentException(where + " needs " + field);
    }
    return value.asText();
  }

  private static Optional<String> optional(JsonNode node, String field) {
    JsonNode value = node.path(field);
    return value.isTextual() && !value.asText().isBlank()
        ? Optional.of(value.asText())
        : Optional.empty();
  }

  private static void checkRegex(String regex, String where) {
    try {
      Pattern.compile(regex);
    } catch (PatternSyntaxException e) {
      throw new IllegalArgumentException(where + " is not a valid regex: " + e.getDescription(), e);
    }
  }
}
