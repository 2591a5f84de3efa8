package dev.oncell.llm.internal;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.oncell.llm.LlmException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A YAML document as a tree whose every node knows its line, so that a config error can say where
 * it is. Read with Jackson's streaming YAML parser; duplicate keys are refused.
 */
public final class YamlTree {

  private static final YAMLFactory FACTORY = new YAMLFactory();

  private YamlTree() {}

  /** A node of the tree. */
  public sealed interface Node permits Scalar, Mapping, Sequence {
    int line();
  }

  /** A scalar; {@code text} is null for YAML's {@code null} and {@code ~}. */
  public record Scalar(String text, int line) implements Node {
    public boolean isNull() {
      return text == null;
    }
  }

  /** A key in a mapping, with its own line. */
  public record Entry(String key, int keyLine, Node value) {}

  public record Mapping(Map<String, Entry> entries, int line) implements Node {}

  public record Sequence(List<Node> items, int line) implements Node {}

  /**
   * Parses {@code text}; {@code source} names it in errors.
   *
   * @throws LlmException {@code llm_config_invalid} with the line of a syntax error
   */
  public static Node parse(String text, String source) {
    try (JsonParser parser = FACTORY.createParser(text)) {
      JsonToken first = parser.nextToken();
      if (first == null) {
        return new Mapping(Map.of(), 1);
      }
      return read(parser, source);
    } catch (JsonProcessingException e) {
      JsonLocation at = e.getLocation();
      String where = at == null ? "" : " at line " + at.getLineNr();
      throw LlmException.terminal(
          LlmException.CONFIG_INVALID,
          source + ": not valid YAML" + where + ": " + e.getOriginalMessage());
    } catch (IOException e) {
      throw LlmException.terminal(
          LlmException.CONFIG_INVALID, source + ": cannot read: " + e.getMessage());
    }
  }

  private static Node read(JsonParser parser, String source) throws IOException {
    int line = line(parser);
    JsonToken token = parser.currentToken();
    return switch (token) {
      case START_OBJECT -> {
        Map<String, Entry> entries = new LinkedHashMap<>();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
          String key = parser.currentName();
          int keyLine = line(parser);
          if (entries.containsKey(key)) {
            throw LlmException.terminal(
                LlmException.CONFIG_INVALID,
                source + " line " + keyLine + ": key '" + key + "' appears twice");
          }
          parser.nextToken();
          entries.put(key, new Entry(key, keyLine, read(parser, source)));
        }
        yield new Mapping(entries, line);
      }
      case START_ARRAY -> {
        List<Node> items = new ArrayList<>();
        while (parser.nextToken() != JsonToken.END_ARRAY) {
          items.add(read(parser, source));
        }
        yield new Sequence(items, line);
      }
      case VALUE_NULL -> new Scalar(null, line);
      default -> new Scalar(parser.getText(), line);
    };
  }

  private static int line(JsonParser parser) {
    return parser.currentTokenLocation().getLineNr();
  }
}
