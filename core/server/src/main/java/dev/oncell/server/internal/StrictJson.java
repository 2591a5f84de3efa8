package dev.oncell.server.internal;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.Map;

/**
 * Request JSON, parsed strictly: trailing garbage, duplicate keys and numbers that a double cannot
 * hold ({@code 1e400}, which would become Infinity, or {@code 1e-400}, which would become 0) are
 * 400 {@code malformed_json}, so what is stored is what was sent. Fractions are kept as doubles, as
 * before; integers of any size stay exact.
 */
final class StrictJson {

  private static final ObjectMapper PARSER =
      new ObjectMapper()
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
          .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

  private StrictJson() {}

  /** The JSON value of {@code bytes}, which are not empty. */
  static JsonNode parse(byte[] bytes) {
    JsonNode node;
    try {
      node = PARSER.readTree(bytes);
    } catch (JsonProcessingException e) {
      throw ApiException.badRequest(
          "malformed_json", "the body is not valid JSON: " + e.getOriginalMessage());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (node == null || node.isMissingNode()) {
      throw ApiException.badRequest("malformed_json", "the request needs a JSON body");
    }
    return toDoubles(node);
  }

  /** Replaces each decimal by the double that holds it, refusing those no double holds. */
  private static JsonNode toDoubles(JsonNode node) {
    if (node.isBigDecimal()) {
      return DoubleNode.valueOf(checked(node.decimalValue()));
    }
    if (node instanceof ObjectNode object) {
      for (Map.Entry<String, JsonNode> field : object.properties()) {
        JsonNode value = field.getValue();
        JsonNode converted = toDoubles(value);
        if (converted != value) {
          field.setValue(converted);
        }
      }
    } else if (node instanceof ArrayNode array) {
      for (int i = 0; i < array.size(); i++) {
        JsonNode value = array.get(i);
        JsonNode converted = toDoubles(value);
        if (converted != value) {
          array.set(i, converted);
        }
      }
    }
    return node;
  }

  private static double checked(BigDecimal value) {
    double d = value.doubleValue();
    if (Double.isInfinite(d) || (d == 0.0 && value.signum() != 0)) {
      throw ApiException.badRequest(
          "malformed_json",
          "the number "
              + abbreviate(value.toString())
              + " is out of range: numbers must fit a 64-bit double");
    }
    return d;
  }

  private static String abbreviate(String text) {
    return text.length() <= 40 ? text : text.substring(0, 37) + "...";
  }
}
