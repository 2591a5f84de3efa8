package dev.oncell.llm;

import java.util.Objects;

/**
 * Where a call goes: a configured provider and a model id of it.
 *
 * @param local whether the provider runs in the operator's network (a cell without egress may use
 *     it)
 */
public record Route(String provider, ProviderKind kind, String model, boolean local) {
  public Route {
    Objects.requireNonNull(provider, "provider");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(model, "model");
  }

  @Override
  public String toString() {
    return provider + "/" + model;
  }
}
