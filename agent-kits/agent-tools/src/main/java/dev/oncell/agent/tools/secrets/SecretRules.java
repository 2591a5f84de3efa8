package dev.oncell.agent.tools.secrets;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * A set of secret rules in the gitleaks TOML format, so operators can bring the rule files they
 * already have: {@code [[rules]]} with {@code id}, {@code description}, {@code regex}, {@code
 * secretGroup}, {@code entropy}, {@code keywords}, {@code path}, {@code tags} and {@code
 * [[rules.allowlists]]} (or the older single {@code [rules.allowlist]}); the global {@code
 * [allowlist]} and {@code [[allowlists]]} (with {@code targetRules}); {@code [extend] useDefault =
 * true} adds the rules shipped here ({@link #builtin()}), a rule of the file replacing a shipped
 * one of the same id.
 *
 * <p>Regular expressions are Go's RE2 syntax, translated where Java differs ({@link GoRegex}). A
 * file is parsed whole or refused whole, with a message naming the line and the rule ({@link
 * SecretRulesException}); unknown keys are refused too, since a misspelt {@code secretgroup} would
 * otherwise silently change what is found.
 */
public record SecretRules(List<SecretRule> rules, List<Allowlist> allowlists) {

  static final String BUILTIN = "oncell-secrets.toml";

  private static final Set<String> TOP_KEYS =
      Set.of("title", "description", "extend", "rules", "allowlist", "allowlists", "minVersion");
  private static final Set<String> RULE_KEYS =
      Set.of(
          "id",
          "description",
          "regex",
          "secretGroup",
          "entropy",
          "keywords",
          "path",
          "tags",
          "allowlist",
          "allowlists",
          "skipReport");
  private static final Set<String> ALLOWLIST_KEYS =
      Set.of(
          "description",
          "condition",
          "commits",
          "paths",
          "regexes",
          "regexTarget",
          "stopwords",
          "targetRules");

  public SecretRules {
    rules = List.copyOf(rules);
    allowlists = List.copyOf(allowlists);
    Set<String> ids = new TreeSet<>();
    for (SecretRule r : rules) {
      if (!ids.add(r.id())) {
        throw new SecretRulesException("two rules have the id " + r.id());
      }
    }
  }

  /** The rules shipped with oncell (our own set, in the same format). */
  public static SecretRules builtin() {
    return Builtin.RULES;
  }

  private static final class Builtin {
    static final SecretRules RULES = load();

    private static SecretRules load() {
      try (InputStream in = SecretRules.class.getResourceAsStream(BUILTIN)) {
        if (in == null) {
          throw new IllegalStateException("the built-in rule file " + BUILTIN + " is missing");
        }
        return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), BUILTIN, false);
      } catch (IOException e) {
        throw new IllegalStateException("cannot read the built-in rules", e);
      }
    }
  }

  /**
   * Parses a gitleaks rule file.
   *
   * @param source the file's name, for messages
   * @throws SecretRulesException naming the file, line and rule of the first problem
   */
  public static SecretRules parse(String toml, String source) {
    return parse(toml, source, true);
  }

  private static SecretRules parse(String toml, String source, boolean mayExtend) {
    Objects.requireNonNull(toml, "toml");
    Objects.requireNonNull(source, "source");
    JsonNode root;
    try {
      root = new TomlMapper().readTree(toml);
    } catch (JacksonException e) {
      int line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
      throw new SecretRulesException(
          source + (line > 0 ? ":" + line : "") + ": not valid TOML: " + e.getOriginalMessage(), e);
    }
    Lines lines = new Lines(toml, source);
    checkKeys(root, TOP_KEYS, source);
    List<SecretRule> rules = new ArrayList<>();
    int index = 0;
    for (JsonNode r : array(root, "rules", source)) {
      rules.add(rule(r, index++, lines));
    }
    List<Allowlist> global = new ArrayList<>();
    if (root.has("allowlist")) {
      global.add(allowlist(root.get("allowlist"), source + ": [allowlist]", true));
    }
    for (JsonNode a : array(root, "allowlists", source)) {
      global.add(allowlist(a, source + ": [[allowlists]]", true));
    }
    JsonNode extend = root.path("extend");
    if (!extend.isMissingNode()) {
      checkKeys(extend, Set.of("useDefault", "disabledRules"), source + ": [extend]");
      if (!mayExtend) {
        throw new SecretRulesException(source + ": [extend] is not allowed here");
      }
      if (extend.path("useDefault").asBoolean(false)) {
        return builtin().extendedBy(rules, global, strings(extend, "disabledRules", "[extend]"));
      }
    }
    try {
      return new SecretRules(rules, global);
    } catch (SecretRulesException e) {
      throw new SecretRulesException(source + ": " + e.getMessage());
    }
  }

  /** These rules, with {@code more} added (replacing any of the same id) and some disabled. */
  private SecretRules extendedBy(
      List<SecretRule> more, List<Allowlist> moreAllowlists, List<String> disabled) {
    Map<String, SecretRule> byId = new LinkedHashMap<>();
    rules.forEach(r -> byId.put(r.id(), r));
    more.forEach(r -> byId.put(r.id(), r));
    disabled.forEach(byId::remove);
    List<Allowlist> all = new ArrayList<>(allowlists);
    all.addAll(moreAllowlists);
    return new SecretRules(new ArrayList<>(byId.values()), all);
  }

  private static SecretRule rule(JsonNode r, int index, Lines lines) {
    String id = r.path("id").asText("");
    String where = lines.ofRule(id, index);
    if (!r.isObject()) {
      throw new SecretRulesException(where + ": a rule must be a table");
    }
    checkKeys(r, RULE_KEYS, where);
    if (id.isBlank()) {
      throw new SecretRulesException(where + ": the rule has no id");
    }
    try {
      Optional<Pattern> regex = optionalRegex(r, "regex");
      Optional<Pattern> path = optionalRegex(r, "path");
      List<Allowlist> allowlists = new ArrayList<>();
      if (r.has("allowlist")) {
        allowlists.add(allowlist(r.get("allowlist"), where + ", allowlist", false));
      }
      for (JsonNode a : array(r, "allowlists", where + "allowlists")) {
        allowlists.add(allowlist(a, where + ", allowlists", false));
      }
      return new SecretRule(
          id,
          r.path("description").asText(""),
          regex,
          integer(r, "secretGroup"),
          number(r, "entropy"),
          strings(r, "keywords", where),
          path,
          strings(r, "tags", where),
          allowlists);
    } catch (SecretRulesException e) {
      throw e;
    } catch (IllegalArgumentException e) {
      throw new SecretRulesException(where + ": " + e.getMessage(), e);
    }
  }

  private static Allowlist allowlist(JsonNode a, String where, boolean global) {
    if (!a.isObject()) {
      throw new SecretRulesException(where + ": must be a table");
    }
    checkKeys(a, ALLOWLIST_KEYS, where);
    if (!global && a.has("targetRules")) {
      throw new SecretRulesException(where + ": targetRules is for global allow-lists only");
    }
    try {
      String condition = a.path("condition").asText("OR").toUpperCase(java.util.Locale.ROOT);
      String target = a.path("regexTarget").asText("secret").toUpperCase(java.util.Locale.ROOT);
      return new Allowlist(
          a.path("description").asText(""),
          Allowlist.Condition.valueOf(condition),
          strings(a, "commits", where),
          strings(a, "paths", where).stream().map(GoRegex::compile).toList(),
          strings(a, "regexes", where).stream().map(GoRegex::compile).toList(),
          Allowlist.RegexTarget.valueOf(target),
          strings(a, "stopwords", where),
          strings(a, "targetRules", where));
    } catch (IllegalArgumentException e) {
      throw new SecretRulesException(
          where
              + ": "
              + (e.getMessage().startsWith("No enum")
                  ? "condition is OR or AND, regexTarget is secret, match or line"
                  : e.getMessage()),
          e);
    }
  }

  private static Optional<Pattern> optionalRegex(JsonNode r, String key) {
    if (!r.has(key)) {
      return Optional.empty();
    }
    if (!r.get(key).isTextual()) {
      throw new IllegalArgumentException(key + " must be a string");
    }
    return Optional.of(GoRegex.compile(r.get(key).asText()));
  }

  private static int integer(JsonNode r, String key) {
    if (!r.has(key)) {
      return 0;
    }
    if (!r.get(key).canConvertToInt() || !r.get(key).isIntegralNumber()) {
      throw new IllegalArgumentException(key + " must be a whole number");
    }
    return r.get(key).asInt();
  }

  private static double number(JsonNode r, String key) {
    if (!r.has(key)) {
      return 0;
    }
    if (!r.get(key).isNumber() || r.get(key).asDouble() < 0) {
      throw new IllegalArgumentException(key + " must be a number, 0 or more");
    }
    return r.get(key).asDouble();
  }

  private static List<String> strings(JsonNode node, String key, String where) {
    if (!node.has(key)) {
      return List.of();
    }
    List<String> out = new ArrayList<>();
    for (JsonNode v : array(node, key, where)) {
      if (!v.isTextual()) {
        throw new SecretRulesException(where + ": " + key + " must be a list of strings");
      }
      out.add(v.asText());
    }
    return out;
  }

  private static List<JsonNode> array(JsonNode node, String key, String where) {
    JsonNode value = node.path(key);
    if (value.isMissingNode()) {
      return List.of();
    }
    if (!value.isArray()) {
      throw new SecretRulesException(where + ": " + key + " must be a list");
    }
    List<JsonNode> out = new ArrayList<>();
    value.forEach(out::add);
    return out;
  }

  private static void checkKeys(JsonNode node, Set<String> known, String where) {
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      String key = it.next();
      if (!known.contains(key)) {
        throw new SecretRulesException(
            where + ": unknown key '" + key + "' (known: " + new TreeSet<>(known) + ")");
      }
    }
  }

  /** Where things are in the file, for messages: the line of each rule's id. */
  private record Lines(String text, String source) {

    String at(int line) {
      return source + (line > 0 ? ":" + line : "") + ": ";
    }

    String ofRule(String id, int index) {
      int line = 0;
      if (!id.isEmpty()) {
        Pattern idLine =
            Pattern.compile(
                "^\\s*id\\s*=\\s*[\"']" + Pattern.quote(id) + "[\"']", Pattern.MULTILINE);
        var m = idLine.matcher(text);
        if (m.find()) {
          line = 1 + (int) text.substring(0, m.start()).chars().filter(c -> c == '\n').count();
        }
      }
      return at(line) + "rule " + (id.isEmpty() ? "#" + (index + 1) : id);
    }
  }
}
