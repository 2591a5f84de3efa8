package dev.oncell.runtime.internal.journal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.POJONode;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * The one canonical form of a JSON value that request hashes are taken over, after RFC 8785 (JCS):
 * the same value gives the same bytes in every JVM, whatever the order its maps were built or
 * iterated in, the default charset, locale or time zone.
 *
 * <ul>
 *   <li>Object members sorted by name, comparing UTF-16 code units ({@link String#compareTo}); no
 *       whitespace.
 *   <li>Numbers by value, not by Java type: {@code 1}, {@code 1L}, {@code 1.0} and {@code 1.00} are
 *       all {@code 1}; a double is written with the shortest digits that identify it, in the
 *       ECMAScript {@code Number.toString} layout ({@code 1e+21}, {@code 1e-7}), as JCS does.
 *       Integers and decimals of any size keep every digit (JCS would round them to a double), in
 *       the same layout: {@code 10^21} is {@code 1e+21} whether it came as a long or a double.
 *       {@code NaN} and the infinities, which JSON has no word for, are written unquoted, so they
 *       differ from the strings {@code "NaN"}.
 *   <li>Strings escape only {@code "}, {@code \} and controls ({@code \n}, {@code \}{@code u001f});
 *       a lone surrogate is escaped too, so no two strings share the UTF-8 bytes.
 *   <li>Binary values as their base64 text, as Jackson writes them.
 * </ul>
 *
 * Version 2 of the journal's request hashing ({@link JournalEntry#hashVersion()}); version 1 hashed
 * Jackson's own output, in the order of the tree.
 */
public final class CanonicalJson {

  private static final ObjectMapper PLAIN = new ObjectMapper();

  private CanonicalJson() {}

  /** The canonical text of {@code node}. */
  public static String write(JsonNode node) {
    StringBuilder out = new StringBuilder();
    write(node, out);
    return out.toString();
  }

  /** The canonical UTF-8 bytes of {@code node}. */
  public static byte[] bytes(JsonNode node) {
    return write(node).getBytes(StandardCharsets.UTF_8);
  }

  /** The hex SHA-256 of the canonical bytes of {@code node}. */
  public static String sha256(JsonNode node) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes(node)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }

  private static void write(JsonNode node, StringBuilder out) {
    switch (node.getNodeType()) {
      case OBJECT -> {
        List<Map.Entry<String, JsonNode>> members = new ArrayList<>(node.properties());
        members.sort(Map.Entry.comparingByKey());
        out.append('{');
        for (int i = 0; i < members.size(); i++) {
          if (i > 0) {
            out.append(',');
          }
          string(members.get(i).getKey(), out);
          out.append(':');
          write(members.get(i).getValue(), out);
        }
        out.append('}');
      }
      case ARRAY -> {
        out.append('[');
        for (int i = 0; i < node.size(); i++) {
          if (i > 0) {
            out.append(',');
          }
          write(node.get(i), out);
        }
        out.append(']');
      }
      case STRING -> string(node.textValue(), out);
      case NUMBER -> out.append(number(node));
      case BOOLEAN -> out.append(node.booleanValue());
      case NULL, MISSING -> out.append("null");
      case BINARY -> string(node.asText(), out);
      case POJO -> write(PLAIN.valueToTree(((POJONode) node).getPojo()), out);
    }
  }

  /** A number node's canonical text; see the class documentation. */
  static String number(JsonNode node) {
    BigDecimal value;
    if (node.isIntegralNumber()) {
      value = new BigDecimal(node.bigIntegerValue());
    } else if (node.isFloat() || node.isDouble()) {
      double d = node.doubleValue();
      if (Double.isNaN(d) || Double.isInfinite(d)) {
        return Double.toString(d);
      }
      // Shortest digits that identify the value (JDK 19+), so 0.1 is 0.1, not its binary expansion.
      value =
          new BigDecimal(node.isFloat() ? Float.toString(node.floatValue()) : Double.toString(d));
    } else {
      value = node.decimalValue();
    }
    return number(value);
  }

  /**
   * {@code value} in the layout of ECMAScript's {@code Number.prototype.toString}, every digit
   * kept.
   */
  static String number(BigDecimal value) {
    if (value.signum() == 0) {
      return "0";
    }
    BigDecimal v = value.stripTrailingZeros();
    String s = v.unscaledValue().abs().toString();
    int k = s.length();
    long n = (long) k - v.scale(); // value = 0.s x 10^n
    StringBuilder out = new StringBuilder();
    if (v.signum() < 0) {
      out.append('-');
    }
    if (k <= n && n <= 21) {
      out.append(s).append("0".repeat((int) (n - k)));
    } else if (0 < n && n <= 21) {
      out.append(s, 0, (int) n).append('.').append(s, (int) n, k);
    } else if (-6 < n && n <= 0) {
      out.append("0.").append("0".repeat((int) -n)).append(s);
    } else {
      long e = n - 1;
      out.append(s.charAt(0));
      if (k > 1) {
        out.append('.').append(s, 1, k);
      }
      out.append('e').append(e < 0 ? '-' : '+').append(Math.abs(e));
    }
    return out.toString();
  }

  private static void string(String s, StringBuilder out) {
    out.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\b' -> out.append("\\b");
        case '\f' -> out.append("\\f");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (c < 0x20) {
            escape(c, out);
          } else if (Character.isHighSurrogate(c)
              && i + 1 < s.length()
              && Character.isLowSurrogate(s.charAt(i + 1))) {
            out.append(c).append(s.charAt(++i));
          } else if (Character.isSurrogate(c)) {
            escape(c, out); // alone, it has no UTF-8 form: keep it distinct from U+FFFD
          } else {
            out.append(c);
          }
        }
      }
    }
    out.append('"');
  }

  private static void escape(char c, StringBuilder out) {
    out.append("\\u").append(HexFormat.of().toHexDigits(c));
  }
}
