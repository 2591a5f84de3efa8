package dev.oncell.plugins.migration;

/**
 * Just enough Java lexing to find test methods and their bodies: comments and the insides of
 * string, character and text-block literals are blanked (same length, newlines kept), so that
 * braces and annotations inside them do not count. Linear in the text.
 */
final class JavaText {

  /** A method found after an annotation: its name, its body's text and where the body ends. */
  record Method(String name, String body, int end) {}

  private JavaText() {}

  static String blankCommentsAndStrings(String s) {
    StringBuilder out = new StringBuilder(s.length());
    int i = 0;
    int n = s.length();
    while (i < n) {
      char c = s.charAt(i);
      if (c == '/' && i + 1 < n && s.charAt(i + 1) == '/') {
        while (i < n && s.charAt(i) != '\n') {
          out.append(' ');
          i++;
        }
      } else if (c == '/' && i + 1 < n && s.charAt(i + 1) == '*') {
        int end = s.indexOf("*/", i + 2);
        end = end < 0 ? n : end + 2;
        blank(s, i, end, out);
        i = end;
      } else if (s.startsWith("\"\"\"", i)) {
        int end = s.indexOf("\"\"\"", i + 3);
        end = end < 0 ? n : end + 3;
        out.append("\"\"\"");
        blank(s, i + 3, Math.max(i + 3, end - 3), out);
        out.append(end - 3 >= i + 3 && end <= n ? "\"\"\"" : "");
        i = end;
      } else if (c == '"' || c == '\'') {
        int j = i + 1;
        while (j < n && s.charAt(j) != c && s.charAt(j) != '\n') {
          j += s.charAt(j) == '\\' ? 2 : 1;
        }
        j = Math.min(j + 1, n);
        out.append(c);
        blank(s, i + 1, Math.max(i + 1, j - 1), out);
        if (j - 1 > i) {
          out.append(s.charAt(j - 1) == c ? c : ' ');
        }
        i = j;
      } else {
        out.append(c);
        i++;
      }
    }
    return out.toString();
  }

  private static void blank(String s, int from, int to, StringBuilder out) {
    for (int k = from; k < to && k < s.length(); k++) {
      out.append(s.charAt(k) == '\n' ? '\n' : ' ');
    }
  }

  /**
   * The method whose declaration follows {@code from} (after more annotations and modifiers), or
   * null when what follows is not a method with a body.
   */
  static Method methodAfter(String code, int from) {
    int i = skipAnnotationArguments(code, from);
    int paren = -1;
    for (int k = i; k < code.length(); k++) {
      char c = code.charAt(k);
      if (c == '@') {
        k = skipAnnotationArguments(code, skipIdentifier(code, k + 1)) - 1;
      } else if (c == '(') {
        paren = k;
        break;
      } else if (c == ';' || c == '{' || c == '}' || c == '=') {
        return null;
      }
    }
    if (paren < 0) {
      return null;
    }
    int nameEnd = paren;
    while (nameEnd > i && Character.isWhitespace(code.charAt(nameEnd - 1))) {
      nameEnd--;
    }
    int nameStart = nameEnd;
    while (nameStart > i && Character.isJavaIdentifierPart(code.charAt(nameStart - 1))) {
      nameStart--;
    }
    if (nameStart == nameEnd) {
      return null;
    }
    int close = matching(code, paren, '(', ')');
    if (close < 0) {
      return null;
    }
    int open = -1;
    for (int k = close + 1; k < code.length(); k++) {
      char c = code.charAt(k);
      if (c == '{') {
        open = k;
        break;
      }
      if (c == ';' || c == '}') {
        return null;
      }
    }
    if (open < 0) {
      return null;
    }
    int end = matching(code, open, '{', '}');
    if (end < 0) {
      return null;
    }
    return new Method(code.substring(nameStart, nameEnd), code.substring(open + 1, end), end + 1);
  }

  private static int skipIdentifier(String code, int i) {
    while (i < code.length()
        && (Character.isJavaIdentifierPart(code.charAt(i)) || code.charAt(i) == '.')) {
      i++;
    }
    return i;
  }

  /** Past an annotation's {@code (...)} when one starts at {@code i} (after blanks). */
  private static int skipAnnotationArguments(String code, int i) {
    int k = i;
    while (k < code.length() && Character.isWhitespace(code.charAt(k))) {
      k++;
    }
    if (k < code.length() && code.charAt(k) == '(') {
      int close = matching(code, k, '(', ')');
      return close < 0 ? code.length() : close + 1;
    }
    return i;
  }

  private static int matching(String code, int open, char o, char c) {
    int depth = 0;
    for (int k = open; k < code.length(); k++) {
      char ch = code.charAt(k);
      if (ch == o) {
        depth++;
      } else if (ch == c && --depth == 0) {
        return k;
      }
    }
    return -1;
  }
}
