package dev.oncell.sandbox.internal.runsc;

import java.util.List;
import java.util.Map;

/**
 * Just enough JSON writing for OCI files, so this module stays JDK-only. Values are {@link String},
 * {@link Number}, {@link Boolean}, {@link List} and {@link Map} (written in its iteration order);
 * anything else is a programming error.
 */
final class Json {

  private Json() {}

  static String write(Object value) {
    StringBuilder out = new StringBuilder();
    write(value, out);
    return out.toString();
  }

  private static void write(Object value, StringBuilder out) {
    switch (value) {
      case String s -> string(s, out);
      case Number n -> out.append(n);
      case Boolean b -> out.append(b);
      case List<?> list -> {
        out.append('[');
        for (int i = 0; i < list.size(); i++) {
          if (i > 0) {
            out.append(',');
          }
          write(list.get(i), out);
        }
        out.append(']');
      }
      case Map<?, ?> map -> {
        out.append('{');
        boolean first = true;
        for (Map.Entry<?, ?> e : map.entrySet()) {
          if (!first) {
            out.append(',');
          }
          first = false;
          string((String) e.getKey(), out);
          out.append(':');
          write(e.getValue(), out);
        }
        out.append('}');
      }
      default -> throw new IllegalArgumentException("not a JSON value: " + value.getClass());
    }
  }

  /** RFC 8259 escaping: quotes, backslashes and every control character. */
  static void string(String s, StringBuilder out) {
    out.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (c < 0x20 || Character.isSurrogate(c) || c == 0x2028 || c == 0x2029) {
            // Surrogates escaped one by one: a lone one would make the UTF-8 file unwritable.
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    out.append('"');
  }
}
