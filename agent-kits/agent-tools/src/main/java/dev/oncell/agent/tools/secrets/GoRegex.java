package dev.oncell.agent.tools.secrets;

import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Go's RE2 syntax, which gitleaks rule files are written in, as a {@link Pattern}. The two dialects
 * agree on almost everything rule files use; where they differ:
 *
 * <ul>
 *   <li>{@code (?P<name>...)} (Go's named group) becomes {@code (?<name>...)};
 *   <li>POSIX classes {@code [[:alnum:]]} become {@code \p{Alnum}} (and so on), also negated;
 *   <li>inside a character class, {@code [} is a literal in Go but a nested class in Java, and
 *       {@code &&} an intersection in Java: both are escaped;
 *   <li>{@code \z} means the same; Go's {@code (?U)} (ungreedy) has another meaning in Java and is
 *       refused, as are {@code \C} and {@code \pN} one-letter classes without braces (kept: Java
 *       accepts them too).
 * </ul>
 *
 * RE2 has no back-references or look-arounds, so a translated pattern has none either unless the
 * rule's author wrote Java syntax; both are accepted, since the rule file is run by Java.
 */
final class GoRegex {

  private static final Map<String, String> POSIX =
      Map.ofEntries(
          Map.entry("alnum", "\\p{Alnum}"),
          Map.entry("alpha", "\\p{Alpha}"),
          Map.entry("ascii", "\\p{ASCII}"),
          Map.entry("blank", "\\p{Blank}"),
          Map.entry("cntrl", "\\p{Cntrl}"),
          Map.entry("digit", "\\p{Digit}"),
          Map.entry("graph", "\\p{Graph}"),
          Map.entry("lower", "\\p{Lower}"),
          Map.entry("print", "\\p{Print}"),
          Map.entry("punct", "\\p{Punct}"),
          Map.entry("space", "\\s"),
          Map.entry("upper", "\\p{Upper}"),
          Map.entry("word", "\\w"),
          Map.entry("xdigit", "\\p{XDigit}"));

  private GoRegex() {}

  /**
   * Compiles a Go regular expression.
   *
   * @throws IllegalArgumentException with what is wrong, when it is not valid in either dialect
   */
  static Pattern compile(String go) {
    String java = toJava(go);
    try {
      return Pattern.compile(java);
    } catch (PatternSyntaxException e) {
      throw new IllegalArgumentException(
          "invalid regular expression '" + go + "': " + e.getDescription(), e);
    }
  }

  /** The Java form of {@code go}. */
  static String toJava(String go) {
    StringBuilder out = new StringBuilder(go.length() + 8);
    boolean inClass = false;
    int i = 0;
    while (i < go.length()) {
      char c = go.charAt(i);
      if (c == '\\' && i + 1 < go.length()) {
        char next = go.charAt(i + 1);
        if (next == 'C') {
          throw new IllegalArgumentException("\\C (any byte) is not supported in '" + go + "'");
        }
        out.append(c).append(next);
        i += 2;
        continue;
      }
      if (inClass) {
        if (c == '[' && go.startsWith("[:", i)) {
          int end = go.indexOf(":]", i + 2);
          if (end > 0) {
            String name = go.substring(i + 2, end);
            boolean negated = name.startsWith("^");
            String cls = POSIX.get(negated ? name.substring(1) : name);
            if (cls == null) {
              throw new IllegalArgumentException(
                  "unknown POSIX class [:" + name + ":] in '" + go + "'");
            }
            out.append(negated ? cls.replace("\\p", "\\P").replace("\\s", "\\S") : cls);
            i = end + 2;
            continue;
          }
        }
        if (c == '[') {
          out.append("\\[");
        } else if (c == '&' && i + 1 < go.length() && go.charAt(i + 1) == '&') {
          out.append("\\&\\&");
          i += 2;
          continue;
        } else {
          out.append(c);
          if (c == ']') {
            inClass = false;
          }
        }
        i++;
        continue;
      }
      if (c == '[') {
        inClass = true;
        out.append(c);
        i++;
        // A ']' right after '[' or '[^' is a literal in both dialects, not the end.
        if (i < go.length() && go.charAt(i) == '^') {
          out.append('^');
          i++;
        }
        if (i < go.length() && go.charAt(i) == ']') {
          out.append("\\]");
          i++;
        }
        continue;
      }
      if (c == '(' && go.startsWith("(?P<", i)) {
        out.append("(?<");
        i += 4;
        continue;
      }
      if (c == '(' && go.startsWith("(?", i)) {
        int end = i + 2;
        while (end < go.length() && (Character.isLetter(go.charAt(end)) || go.charAt(end) == '-')) {
          end++;
        }
        if (go.substring(i + 2, end).contains("U")) {
          throw new IllegalArgumentException(
              "the ungreedy flag (?U) is not supported in '" + go + "': write lazy quantifiers");
        }
      }
      out.append(c);
      i++;
    }
    return out.toString();
  }
}
