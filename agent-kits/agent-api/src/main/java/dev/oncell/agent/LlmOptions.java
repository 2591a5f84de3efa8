package dev.oncell.agent;

import java.util.Optional;

/** Options of an LLM call: the model (a provider's model id, or {@code local}) and temperature. */
public record LlmOptions(Optional<String> model, Optional<Double> temperature) {

  public static LlmOptions defaults() {
    return new LlmOptions(Optional.empty(), Optional.empty());
  }
}
