package dev.oncell.llm;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One request to a model.
 *
 * @param json asks for a JSON answer, in the provider's JSON mode where it has one
 */
public record LlmRequest(
    List<Message> messages,
    Optional<Double> temperature,
    Optional<Integer> maxTokens,
    List<ToolSpec> tools,
    boolean json) {

  public LlmRequest {
    messages = List.copyOf(Objects.requireNonNull(messages, "messages"));
    if (messages.isEmpty()) {
      throw new IllegalArgumentException("a request needs at least one message");
    }
    Objects.requireNonNull(temperature, "temperature");
    Objects.requireNonNull(maxTokens, "maxTokens");
    tools = List.copyOf(Objects.requireNonNull(tools, "tools"));
  }

  public static LlmRequest of(String prompt) {
    return new LlmRequest(
        List.of(Message.user(prompt)), Optional.empty(), Optional.empty(), List.of(), false);
  }

  public LlmRequest withTemperature(double value) {
    return new LlmRequest(messages, Optional.of(value), maxTokens, tools, json);
  }

  public LlmRequest withMaxTokens(int value) {
    return new LlmRequest(messages, temperature, Optional.of(value), tools, json);
  }

  public LlmRequest withTools(List<ToolSpec> value) {
    return new LlmRequest(messages, temperature, maxTokens, value, json);
  }

  public LlmRequest withJson(boolean value) {
    return new LlmRequest(messages, temperature, maxTokens, tools, value);
  }

  public LlmRequest withMessages(List<Message> value) {
    return new LlmRequest(value, temperature, maxTokens, tools, json);
  }
}
