package dev.oncell.llm;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One provider of {@code llm.providers} in {@code oncell.yaml}.
 *
 * @param name the key in {@code providers}: {@code openai}, {@code anthropic}, {@code local} or a
 *     name of the operator's choosing
 * @param kind the protocol: inferred from the well-known names, {@code type} otherwise
 * @param apiKey {@code api_key}, usually a {@code $VAR} reference
 * @param model the model used when a call names this provider but no model
 * @param models further model ids that route to this provider by name
 * @param baseUrl {@code base_url}; the kind's public endpoint when absent
 * @param local whether the provider runs inside the operator's network, so that a cell without
 *     egress may use it; true for {@code local} unless set
 * @param timeout overrides {@code llm.timeout} for this provider
 */
public record ProviderConfig(
    String name,
    ProviderKind kind,
    Optional<ConfigValue> apiKey,
    String model,
    List<String> models,
    Optional<String> baseUrl,
    boolean local,
    Optional<Duration> timeout) {

  public ProviderConfig {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(apiKey, "apiKey");
    Objects.requireNonNull(model, "model");
    models = List.copyOf(Objects.requireNonNull(models, "models"));
    Objects.requireNonNull(baseUrl, "baseUrl");
    Objects.requireNonNull(timeout, "timeout");
  }

  /** The endpoint actually used. */
  public String effectiveBaseUrl() {
    return baseUrl.orElse(kind.defaultBaseUrl());
  }

  /** Whether {@code id} is this provider's model or one of its listed ones. */
  public boolean serves(String id) {
    return model.equals(id) || models.contains(id);
  }
}
