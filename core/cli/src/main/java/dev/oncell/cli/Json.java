package dev.oncell.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.util.Optional;

/** JSON parsing and printing for the CLI. */
final class Json {

  private static final ObjectMapper MAPPER =
      new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  private Json() {}

  /** {@code text} as JSON, or empty if it is not exactly one valid JSON value. */
  static Optional<JsonNode> parse(String text) {
    try {
      JsonNode node = MAPPER.readTree(text);
      return node == null || node.isMissingNode() ? Optional.empty() : Optional.of(node);
    } catch (JsonProcessingException e) {
      return Optional.empty();
    }
  }

  /** {@code node} on one line. */
  static String compact(JsonNode node) {
    return node.toString();
  }

  /** Prints {@code node} indented, followed by a newline, and flushes. */
  static void print(PrintWriter out, JsonNode node) {
    try {
      out.println(MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(node));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot print a JsonNode", e);
    }
    out.flush();
  }
}
