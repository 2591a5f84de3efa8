package dev.oncell.llm.internal;

import dev.oncell.llm.LlmConfig;
import dev.oncell.llm.LlmException;
import dev.oncell.llm.ProviderConfig;
import dev.oncell.llm.ProviderKind;
import dev.oncell.llm.Route;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/** Picks the provider and model of a call from its {@code model} option. */
final class ModelRouting {

  private static final Pattern OPENAI_MODEL =
      Pattern.compile("(gpt-|chatgpt-|ft:gpt-|o[134]($|-)).*");
  private static final Pattern ANTHROPIC_MODEL = Pattern.compile("claude-.*");
  private static final Set<String> WELL_KNOWN = Set.of("openai", "anthropic", "local");

  private ModelRouting() {}

  static Route route(LlmConfig config, Optional<String> requested) {
    if (!config.configured()) {
      throw LlmException.terminal(
          LlmException.NOT_CONFIGURED,
          "no LLM provider is configured: add an llm section with providers to"
              + " ONCELL_HOME/oncell.yaml (see the README's LLM configuration)");
    }
    String wanted = requested.map(String::strip).orElse("");
    if (wanted.isEmpty()) {
      ProviderConfig p = config.provider(config.defaultProvider().orElseThrow()).orElseThrow();
      return route(p, p.model());
    }
    Optional<ProviderConfig> byName = config.provider(wanted);
    if (byName.isPresent()) {
      return route(byName.get(), byName.get().model());
    }
    int slash = wanted.indexOf('/');
    if (slash > 0) {
      String prefix = wanted.substring(0, slash);
      String model = wanted.substring(slash + 1).strip();
      Optional<ProviderConfig> p = config.provider(prefix);
      if (p.isPresent()) {
        if (model.isEmpty()) {
          throw unknownModel(config, wanted);
        }
        return route(p.get(), model);
      }
      if (WELL_KNOWN.contains(prefix)) {
        throw unknownProvider(config, prefix);
      }
    }
    for (ProviderConfig p : config.providers().values()) {
      if (p.serves(wanted)) {
        return route(p, wanted);
      }
    }
    if (OPENAI_MODEL.matcher(wanted).matches()) {
      return byKind(config, ProviderKind.OPENAI, wanted);
    }
    if (ANTHROPIC_MODEL.matcher(wanted).matches()) {
      return byKind(config, ProviderKind.ANTHROPIC, wanted);
    }
    if (WELL_KNOWN.contains(wanted)) {
      throw unknownProvider(config, wanted);
    }
    throw unknownModel(config, wanted);
  }

  private static Route byKind(LlmConfig config, ProviderKind kind, String model) {
    Optional<ProviderConfig> named = config.provider(kind.wire()).filter(p -> p.kind() == kind);
    ProviderConfig p =
        named
            .or(
                () ->
                    config.providers().values().stream().filter(c -> c.kind() == kind).findFirst())
            .orElseThrow(
                () ->
                    LlmException.terminal(
                        LlmException.UNKNOWN_PROVIDER,
                        "model '"
                            + model
                            + "' is served by "
                            + kind.wire()
                            + ", but no provider of that type is configured in llm.providers"
                            + " (configured: "
                            + String.join(", ", config.providers().keySet())
                            + ")"));
    return route(p, model);
  }

  private static Route route(ProviderConfig p, String model) {
    return new Route(p.name(), p.kind(), model, p.local());
  }

  private static LlmException unknownProvider(LlmConfig config, String name) {
    return LlmException.terminal(
        LlmException.UNKNOWN_PROVIDER,
        "provider '"
            + name
            + "' is not configured in llm.providers (configured: "
            + String.join(", ", config.providers().keySet())
            + ")");
  }

  private static LlmException unknownModel(LlmConfig config, String model) {
    return LlmException.terminal(
        LlmException.UNKNOWN_MODEL,
        "no configured provider serves model '"
            + model
            + "': name a provider ("
            + String.join(", ", config.providers().keySet())
            + "), write provider/model, or list the model under llm.providers.<name>.models");
  }
}
