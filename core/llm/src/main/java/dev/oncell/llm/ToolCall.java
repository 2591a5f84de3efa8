package dev.oncell.llm;

import java.util.Objects;

/**
 * A model's request to call a tool.
 *
 * @param id the provider's id of the call, which the result must name
 * @param arguments the arguments as JSON text, as the model wrote them
 */
public record ToolCall(String id, String name, String arguments) {
  public ToolCall {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(arguments, "arguments");
  }
}
