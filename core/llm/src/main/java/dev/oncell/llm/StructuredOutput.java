package dev.oncell.llm;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.lang.reflect.WildcardType;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Structured answers: the JSON schema of a Java type (records, enums, lists, maps, optionals and
 * plain values), the instructions that ask a model for it, and the check of an answer against it.
 */
public final class StructuredOutput {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final ObjectMapper PRETTY =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final int MAX_DEPTH = 12;
  private static final int MAX_PROBLEMS = 10;
  private static final Pattern FENCE =
      Pattern.compile("```(?:json|JSON)?\\s*\\n?(.*?)```", Pattern.DOTALL);

  private StructuredOutput() {}

  /** What checking an answer found. */
  public sealed interface Checked {}

  /** The JSON value of a good answer, with properties the schema does not know left out. */
  public record Valid(JsonNode value) implements Checked {}

  /** What is wrong with an answer, in words a model can act on. */
  public record Invalid(String problems) implements Checked {}

  /** The JSON schema of {@code type}. */
  public static ObjectNode schemaOf(Type type) {
    return schema(type, 0, new HashSet<>());
  }

  /** Instructions asking for a JSON answer that matches {@code schema}. */
  public static String instructions(JsonNode schema) {
    try {
      return "Answer with one JSON value and nothing else (no prose around it, no code fence)."
          + " It must match this JSON schema:\n"
          + PRETTY.writeValueAsString(schema);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The message that sends a malformed answer back to be fixed. */
  public static String correction(String problems) {
    return "Your answer cannot be used: "
        + problems
        + ". Answer again with only the corrected JSON value that matches the schema.";
  }

  /**
   * Finds the JSON value in {@code answer} (bare, in a code fence, or after prose) and checks it.
   */
  public static Checked check(String answer, JsonNode schema) {
    String text = answer.strip();
    Matcher fence = FENCE.matcher(text);
    if (fence.find()) {
      text = fence.group(1).strip();
    }
    int start = firstBrace(text);
    if (start < 0) {
      return new Invalid("it holds no JSON value (expected " + describe(schema) + ")");
    }
    JsonNode value;
    try {
      value = JSON.readTree(text.substring(start));
    } catch (JsonProcessingException e) {
      return new Invalid("it is not valid JSON (" + e.getOriginalMessage() + ")");
    }
    List<String> problems = new ArrayList<>();
    JsonNode cleaned = check(value, schema, "$", problems);
    if (!problems.isEmpty()) {
      return new Invalid(String.join("; ", problems));
    }
    return new Valid(cleaned);
  }

  private static int firstBrace(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '{' || c == '[') {
        return i;
      }
    }
    return -1;
  }

  private static JsonNode check(
      JsonNode value, JsonNode schema, String path, List<String> problems) {
    if (problems.size() >= MAX_PROBLEMS) {
      return value;
    }
    if (schema.has("enum")) {
      for (JsonNode allowed : schema.get("enum")) {
        if (allowed.equals(value)) {
          return value;
        }
      }
      problems.add(path + " must be one of " + schema.get("enum") + ", not " + shorten(value));
      return value;
    }
    String type = schema.path("type").asText("");
    switch (type) {
      case "object" -> {
        if (!value.isObject()) {
          problems.add(path + " must be an object, not " + kind(value));
          return value;
        }
        ObjectNode out = NODES.objectNode();
        JsonNode properties = schema.path("properties");
        JsonNode additional = schema.path("additionalProperties");
        for (JsonNode required : schema.path("required")) {
          JsonNode v = value.get(required.asText());
          if (v == null || v.isNull()) {
            problems.add(path + " is missing required field '" + required.asText() + "'");
          }
        }
        for (Map.Entry<String, JsonNode> field : value.properties()) {
          String name = field.getKey();
          JsonNode sub = properties.get(name);
          if (sub != null) {
            out.set(
                name,
                field.getValue().isNull()
                    ? field.getValue()
                    : check(field.getValue(), sub, path + "." + name, problems));
          } else if (additional.isObject()) {
            out.set(name, check(field.getValue(), additional, path + "." + name, problems));
          }
          // unknown fields of a record are dropped
        }
        return out;
      }
      case "array" -> {
        if (!value.isArray()) {
          problems.add(path + " must be an array, not " + kind(value));
          return value;
        }
        ArrayNode out = NODES.arrayNode();
        JsonNode items = schema.path("items");
        for (int i = 0; i < value.size(); i++) {
          out.add(
              items.isMissingNode()
                  ? value.get(i)
                  : check(value.get(i), items, path + "[" + i + "]", problems));
        }
        return out;
      }
      case "string" -> {
        if (!value.isTextual()) {
          problems.add(path + " must be a string, not " + kind(value));
        }
        return value;
      }
      case "integer" -> {
        if (!(value.isIntegralNumber()
            || (value.isNumber() && value.asDouble() == Math.rint(value.asDouble())))) {
          problems.add(path + " must be a whole number, not " + kind(value));
        }
        return value;
      }
      case "number" -> {
        if (!value.isNumber()) {
          problems.add(path + " must be a number, not " + kind(value));
        }
        return value;
      }
      case "boolean" -> {
        if (!value.isBoolean()) {
          problems.add(path + " must be true or false, not " + kind(value));
        }
        return value;
      }
      default -> {
        return value;
      }
    }
  }

  private static String kind(JsonNode value) {
    if (value.isObject()) {
      return "an object";
    }
    if (value.isArray()) {
      return "an array";
    }
    if (value.isTextual()) {
      return "the string " + shorten(value);
    }
    if (value.isNull()) {
      return "null";
    }
    return value.getNodeType().name().toLowerCase(java.util.Locale.ROOT) + " " + shorten(value);
  }

  private static String shorten(JsonNode value) {
    String s = value.toString();
    return s.length() > 60 ? s.substring(0, 57) + "..." : s;
  }

  private static String describe(JsonNode schema) {
    return switch (schema.path("type").asText("")) {
      case "object" -> "an object";
      case "array" -> "an array";
      default -> "a JSON value";
    };
  }

  private static ObjectNode schema(Type type, int depth, Set<Type> seen) {
    ObjectNode node = NODES.objectNode();
    if (depth > MAX_DEPTH) {
      return node;
    }
    if (type instanceof WildcardType w) {
      return schema(w.getUpperBounds()[0], depth, seen);
    }
    if (type instanceof TypeVariable<?>) {
      return node;
    }
    if (type instanceof GenericArrayType g) {
      node.put("type", "array");
      node.set("items", schema(g.getGenericComponentType(), depth + 1, seen));
      return node;
    }
    if (type instanceof ParameterizedType p) {
      Class<?> raw = (Class<?>) p.getRawType();
      Type[] args = p.getActualTypeArguments();
      if (raw == Optional.class) {
        return schema(args[0], depth, seen);
      }
      if (Collection.class.isAssignableFrom(raw)) {
        node.put("type", "array");
        node.set("items", schema(args[0], depth + 1, seen));
        return node;
      }
      if (Map.class.isAssignableFrom(raw)) {
        node.put("type", "object");
        node.set("additionalProperties", schema(args[1], depth + 1, seen));
        return node;
      }
      return schema(raw, depth, seen);
    }
    Class<?> c = (Class<?>) type;
    if (c == String.class
        || c == char.class
        || c == Character.class
        || CharSequence.class.isAssignableFrom(c)
        || c.getName().startsWith("java.time.")
        || c == java.util.UUID.class) {
      node.put("type", "string");
    } else if (c == int.class
        || c == long.class
        || c == short.class
        || c == byte.class
        || c == Integer.class
        || c == Long.class
        || c == Short.class
        || c == Byte.class
        || c == BigInteger.class) {
      node.put("type", "integer");
    } else if (c == double.class
        || c == float.class
        || c == Double.class
        || c == Float.class
        || c == BigDecimal.class
        || c == Number.class) {
      node.put("type", "number");
    } else if (c == boolean.class || c == Boolean.class) {
      node.put("type", "boolean");
    } else if (c.isEnum()) {
      node.put("type", "string");
      ArrayNode values = node.putArray("enum");
      for (Object constant : c.getEnumConstants()) {
        values.add(((Enum<?>) constant).name());
      }
    } else if (c.isArray()) {
      node.put("type", "array");
      node.set("items", schema(c.getComponentType(), depth + 1, seen));
    } else if (Collection.class.isAssignableFrom(c)) {
      node.put("type", "array");
    } else if (Map.class.isAssignableFrom(c)) {
      node.put("type", "object");
    } else if (c.isRecord()) {
      if (!seen.add(c)) {
        node.put("type", "object");
        return node;
      }
      node.put("type", "object");
      ObjectNode properties = node.putObject("properties");
      ArrayNode required = node.putArray("required");
      for (RecordComponent component : c.getRecordComponents()) {
        properties.set(component.getName(), schema(component.getGenericType(), depth + 1, seen));
        if (component.getType() != Optional.class) {
          required.add(component.getName());
        }
      }
      node.put("additionalProperties", false);
      seen.remove(c);
    }
    // JsonNode, Object and other classes: any JSON value
    return node;
  }
}
