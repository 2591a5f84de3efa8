package dev.oncell.llm.internal;

import dev.oncell.llm.ConfigValue;
import dev.oncell.llm.LlmConfig;
import dev.oncell.llm.LlmException;
import dev.oncell.llm.ProviderConfig;
import dev.oncell.llm.ProviderKind;
import dev.oncell.llm.TokenBudgets;
import dev.oncell.llm.internal.YamlTree.Entry;
import dev.oncell.llm.internal.YamlTree.Mapping;
import dev.oncell.llm.internal.YamlTree.Node;
import dev.oncell.llm.internal.YamlTree.Scalar;
import dev.oncell.llm.internal.YamlTree.Sequence;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Turns the {@code llm} section of a YAML document into an {@link LlmConfig}, strictly. */
public final class ConfigReader {

  private static final Set<String> LLM_KEYS =
      Set.of(
          "default",
          "providers",
          "timeout",
          "max_retries",
          "max_retry_wait",
          "max_tool_rounds",
          "output_retries",
          "budgets");
  private static final Set<String> PROVIDER_KEYS =
      Set.of("type", "api_key", "model", "models", "base_url", "local", "timeout");
  private static final Set<String> BUDGET_KEYS = Set.of("customer", "deployment", "period");
  private static final Pattern TOKENS = Pattern.compile("(\\d[\\d_]*)\\s*([kKmM])?");
  private static final Pattern PROVIDER_NAME = Pattern.compile("[a-z][a-z0-9_-]{0,39}");

  private final String source;

  private ConfigReader(String source) {
    this.source = source;
  }

  public static LlmConfig read(String yaml, String source) {
    return new ConfigReader(source).read(YamlTree.parse(yaml, source));
  }

  private LlmConfig read(Node root) {
    Mapping top = mapping(root, "the file");
    Entry llm = top.entries().get("llm");
    if (llm == null || (llm.value() instanceof Scalar s && s.isNull())) {
      return LlmConfig.none();
    }
    Mapping section = mapping(llm.value(), "llm");
    checkKeys(section, LLM_KEYS, "llm");
    Map<String, ProviderConfig> providers = new LinkedHashMap<>();
    Entry providersEntry = section.entries().get("providers");
    if (providersEntry != null) {
      Mapping map = mapping(providersEntry.value(), "llm.providers");
      for (Entry e : map.entries().values()) {
        if (!PROVIDER_NAME.matcher(e.key()).matches()) {
          throw error(
              e.keyLine(),
              "provider name '"
                  + e.key()
                  + "' must be lower case letters, digits, '-' or '_', starting with a letter");
        }
        providers.put(e.key(), provider(e));
      }
    }
    Optional<String> defaultProvider = optionalText(section, "default", "llm");
    if (defaultProvider.isPresent() && !providers.containsKey(defaultProvider.get())) {
      throw error(
          section.entries().get("default").keyLine(),
          "llm.default names provider '"
              + defaultProvider.get()
              + "', which is not under llm.providers (there: "
              + String.join(", ", providers.keySet())
              + ")");
    }
    if (defaultProvider.isEmpty() && providers.size() == 1) {
      defaultProvider = Optional.of(providers.keySet().iterator().next());
    }
    if (defaultProvider.isEmpty() && providers.size() > 1) {
      throw error(
          section.line(),
          "llm.default must name the provider of calls that name no model (one of "
              + String.join(", ", providers.keySet())
              + ")");
    }
    return new LlmConfig(
        defaultProvider,
        providers,
        duration(section, "timeout", "llm").orElse(LlmConfig.DEFAULT_TIMEOUT),
        count(section, "max_retries", "llm", 0, 10).orElse(LlmConfig.DEFAULT_MAX_RETRIES),
        duration(section, "max_retry_wait", "llm").orElse(LlmConfig.DEFAULT_MAX_RETRY_WAIT),
        count(section, "max_tool_rounds", "llm", 1, 100).orElse(LlmConfig.DEFAULT_MAX_TOOL_ROUNDS),
        count(section, "output_retries", "llm", 0, 10).orElse(LlmConfig.DEFAULT_OUTPUT_RETRIES),
        budgets(section));
  }

  private ProviderConfig provider(Entry entry) {
    String name = entry.key();
    String where = "llm.providers." + name;
    Mapping p = mapping(entry.value(), where);
    checkKeys(p, PROVIDER_KEYS, where);
    Optional<String> baseUrl = optionalText(p, "base_url", where);
    if (baseUrl.isPresent()) {
      checkUrl(baseUrl.get(), p.entries().get("base_url").keyLine(), where);
    }
    ProviderKind kind = kind(name, p, baseUrl, where);
    Optional<ConfigValue> apiKey = optionalText(p, "api_key", where).map(ConfigValue::of);
    if (optionalText(p, "api_key", where).filter(ConfigValue::malformedReference).isPresent()) {
      throw error(
          p.entries().get("api_key").keyLine(),
          where
              + ".api_key looks like a variable but is not one: write $NAME or ${NAME}, NAME"
              + " of letters, digits and '_'");
    }
    if (apiKey.isEmpty() && kind.needsApiKey()) {
      throw error(
          p.line(),
          where
              + " needs api_key (such as $"
              + name.toUpperCase(Locale.ROOT).replace('-', '_')
              + "_API_KEY, set with: oncell secrets set NAME=value)");
    }
    Optional<String> model = optionalText(p, "model", where);
    if (model.isEmpty() || model.get().isBlank()) {
      throw error(p.line(), where + " needs model: the model id used by default");
    }
    List<String> models = new ArrayList<>();
    Entry modelsEntry = p.entries().get("models");
    if (modelsEntry != null) {
      if (!(modelsEntry.value() instanceof Sequence seq)) {
        throw error(modelsEntry.keyLine(), where + ".models must be a list of model ids");
      }
      for (Node item : seq.items()) {
        models.add(text(item, where + ".models"));
      }
    }
    boolean local =
        optionalText(p, "local", where)
            .map(v -> bool(v, p.entries().get("local").keyLine(), where + ".local"))
            .orElse(name.equals("local"));
    return new ProviderConfig(
        name,
        kind,
        apiKey,
        model.get().strip(),
        models,
        baseUrl,
        local,
        duration(p, "timeout", where));
  }

  private ProviderKind kind(String name, Mapping p, Optional<String> baseUrl, String where) {
    Optional<String> type = optionalText(p, "type", where);
    if (type.isPresent()) {
      return ProviderKind.byWire(type.get())
          .orElseThrow(
              () ->
                  error(
                      p.entries().get("type").keyLine(),
                      where
                          + ".type '"
                          + type.get()
                          + "' is not a provider type: use openai, anthropic, ollama or"
                          + " openai-compatible"));
    }
    return switch (name) {
      case "openai" -> ProviderKind.OPENAI;
      case "anthropic" -> ProviderKind.ANTHROPIC;
      case "local" ->
          baseUrl.map(u -> u.replaceAll("/+$", "").endsWith("/v1")).orElse(false)
              ? ProviderKind.OPENAI_COMPATIBLE
              : ProviderKind.OLLAMA;
      default ->
          throw error(
              p.line(),
              "provider '"
                  + name
                  + "' needs type: openai, anthropic, ollama or openai-compatible (only openai,"
                  + " anthropic and local are known by name)");
    };
  }

  private TokenBudgets budgets(Mapping section) {
    Entry entry = section.entries().get("budgets");
    if (entry == null) {
      return TokenBudgets.unlimited();
    }
    Mapping b = mapping(entry.value(), "llm.budgets");
    checkKeys(b, BUDGET_KEYS, "llm.budgets");
    TokenBudgets.Period period =
        optionalText(b, "period", "llm.budgets")
            .map(
                v -> {
                  try {
                    return TokenBudgets.Period.valueOf(v.strip().toUpperCase(Locale.ROOT));
                  } catch (IllegalArgumentException e) {
                    throw error(
                        b.entries().get("period").keyLine(),
                        "llm.budgets.period must be day, month or total, not '" + v + "'");
                  }
                })
            .orElse(TokenBudgets.Period.MONTH);
    return new TokenBudgets(tokens(b, "customer"), tokens(b, "deployment"), period);
  }

  private Optional<Long> tokens(Mapping b, String key) {
    Optional<String> raw = optionalText(b, key, "llm.budgets");
    if (raw.isEmpty()) {
      return Optional.empty();
    }
    Matcher m = TOKENS.matcher(raw.get().strip());
    long value;
    if (m.matches()) {
      try {
        value = Long.parseLong(m.group(1).replace("_", ""));
      } catch (NumberFormatException e) {
        value = -1;
      }
      if (m.group(2) != null) {
        value *= m.group(2).equalsIgnoreCase("k") ? 1_000 : 1_000_000;
      }
    } else {
      value = -1;
    }
    if (value <= 0) {
      throw error(
          b.entries().get(key).keyLine(),
          "llm.budgets."
              + key
              + " must be a positive number of tokens (such as 2000000, 2_000_000 or 2M), not '"
              + raw.get()
              + "'");
    }
    return Optional.of(value);
  }

  private Optional<Duration> duration(Mapping m, String key, String where) {
    Optional<String> raw = optionalText(m, key, where);
    if (raw.isEmpty()) {
      return Optional.empty();
    }
    Duration value;
    try {
      value = dev.oncell.agent.Durations.parse(raw.get());
    } catch (IllegalArgumentException e) {
      value = null;
    }
    if (value == null || value.isNegative() || (value.isZero() && !key.equals("max_retry_wait"))) {
      throw error(
          m.entries().get(key).keyLine(),
          dev.oncell.agent.Durations.message(where + "." + key, raw.get()));
    }
    return Optional.of(value);
  }

  private Optional<Integer> count(Mapping m, String key, String where, int min, int max) {
    Optional<String> raw = optionalText(m, key, where);
    if (raw.isEmpty()) {
      return Optional.empty();
    }
    try {
      int value = Integer.parseInt(raw.get().strip());
      if (value >= min && value <= max) {
        return Optional.of(value);
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw error(
        m.entries().get(key).keyLine(),
        where
            + "."
            + key
            + " must be a whole number from "
            + min
            + " to "
            + max
            + ", not '"
            + raw.get()
            + "'");
  }

  private boolean bool(String value, int line, String where) {
    return switch (value.strip().toLowerCase(Locale.ROOT)) {
      case "true", "yes", "on" -> true;
      case "false", "no", "off" -> false;
      default -> throw error(line, where + " must be true or false, not '" + value + "'");
    };
  }

  private void checkUrl(String url, int line, String where) {
    try {
      URI uri = new URI(url.strip());
      if (("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))
          && uri.getHost() != null) {
        return;
      }
    } catch (URISyntaxException e) {
      // reported below
    }
    throw error(
        line,
        where + ".base_url must be an http:// or https:// URL with a host, not '" + url + "'");
  }

  private void checkKeys(Mapping m, Set<String> allowed, String where) {
    for (Entry e : m.entries().values()) {
      if (!allowed.contains(e.key())) {
        throw error(
            e.keyLine(),
            "unknown key '"
                + e.key()
                + "' in "
                + where
                + " (known: "
                + String.join(", ", allowed.stream().sorted().toList())
                + ")");
      }
    }
  }

  private Mapping mapping(Node node, String where) {
    if (node instanceof Mapping m) {
      return m;
    }
    throw error(node.line(), where + " must be a mapping of keys to values");
  }

  private Optional<String> optionalText(Mapping m, String key, String where) {
    Entry e = m.entries().get(key);
    if (e == null || (e.value() instanceof Scalar s && s.isNull())) {
      return Optional.empty();
    }
    return Optional.of(text(e.value(), where + "." + key));
  }

  private String text(Node node, String where) {
    if (node instanceof Scalar s && !s.isNull()) {
      return s.text();
    }
    throw error(node.line(), where + " must be a single value");
  }

  private LlmException error(int line, String message) {
    return LlmException.terminal(
        LlmException.CONFIG_INVALID, source + " line " + line + ": " + message);
  }
}
