package dev.oncell.agent;

import java.util.Objects;

/**
 * A tool call a model made during {@link Context#llm}, and what the tool returned to it.
 *
 * @param arguments the arguments as JSON text, as the model wrote them
 */
public record LlmToolCall(String id, String name, String arguments, String result) {
  public LlmToolCall {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(arguments, "arguments");
    Objects.requireNonNull(result, "result");
  }
}
