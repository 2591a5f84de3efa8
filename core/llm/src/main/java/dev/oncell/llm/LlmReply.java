package dev.oncell.llm;

import java.util.List;
import java.util.Objects;

/**
 * A model's answer.
 *
 * @param text the text, empty when the model only called tools
 * @param model the model that answered, as the provider named it
 * @param provider the configured provider that was asked
 * @param finishReason why the model stopped: {@code stop}, {@code length}, {@code tool_calls}, ...
 *     ({@code unknown} when the provider did not say)
 */
public record LlmReply(
    String text,
    List<ToolCall> toolCalls,
    TokenUsage usage,
    String model,
    String provider,
    String finishReason) {

  public LlmReply {
    Objects.requireNonNull(text, "text");
    toolCalls = List.copyOf(Objects.requireNonNull(toolCalls, "toolCalls"));
    Objects.requireNonNull(usage, "usage");
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(provider, "provider");
    Objects.requireNonNull(finishReason, "finishReason");
  }
}
