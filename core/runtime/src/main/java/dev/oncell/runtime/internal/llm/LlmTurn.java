package dev.oncell.runtime.internal.llm;

import java.util.List;

/**
 * One request to a model and its answer, as the journal keeps it: a replay returns this instead of
 * asking again.
 */
public record LlmTurn(
    String text,
    List<Call> toolCalls,
    long inputTokens,
    long outputTokens,
    String model,
    String provider,
    String finishReason) {

  public LlmTurn {
    toolCalls = toolCalls == null ? List.of() : List.copyOf(toolCalls);
  }

  /** A tool call the model asked for. */
  public record Call(String id, String name, String arguments) {}
}
