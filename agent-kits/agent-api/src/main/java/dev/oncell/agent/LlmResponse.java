package dev.oncell.agent;

import java.util.List;
import java.util.Objects;

/**
 * What a model answered, and which model did.
 *
 * @param text the final answer (for a structured call, its JSON)
 * @param model the model that answered, as its provider named it
 * @param provider the configured provider that was asked ({@code openai}, {@code local}, ...)
 * @param usage the tokens of all rounds of the call
 * @param toolCalls the tools the model called, in order, with their results
 */
public record LlmResponse(
    String text, String model, String provider, LlmUsage usage, List<LlmToolCall> toolCalls) {

  public LlmResponse {
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(provider, "provider");
    Objects.requireNonNull(usage, "usage");
    toolCalls = List.copyOf(Objects.requireNonNull(toolCalls, "toolCalls"));
  }

  /** A plain answer without usage or tool calls (for stand-ins in tests). */
  public LlmResponse(String text, String model) {
    this(text, model, "", LlmUsage.NONE, List.of());
  }
}
