package dev.oncell.llm;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Objects;

/**
 * A tool a model may call.
 *
 * @param parameters a JSON schema of an object: {@code type}, {@code properties} (each with {@code
 *     type} string, integer, number, boolean, array or object, and {@code description}), {@code
 *     required}
 */
public record ToolSpec(String name, String description, JsonNode parameters) {
  public ToolSpec {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(description, "description");
    Objects.requireNonNull(parameters, "parameters");
  }
}
