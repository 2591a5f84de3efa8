package dev.oncell.search.eval;

import java.util.OptionalInt;

/**
 * Just enough lexing of Java, JavaScript and TypeScript to match braces: skips strings, text
 * blocks, template literals, comments and (in JavaScript) regular expression literals. Not a
 * parser; good for well-formed library code, which is what the evaluation corpus holds.
 */
final class SourceScanner {

  private final String text;
  private final boolean javascript;

  SourceScanner(String text, String path) {
    this.text = text;
    this.javascript = !path.endsWith(".java");
  }

  /**
   * The offset of the {@code '}'} that closes the body of the declaration starting at {@code from}:
   * the first {@code '{'} at parenthesis depth 0, or deeper when it follows {@code ')'} or {@code
   * =>} (a function passed to a call, as in {@code var f = wrap(function(a) {...})}). Empty when a
   * {@code ';'} at depth 0 comes first (an abstract or overload signature) or the braces never
   * close.
   */
  OptionalInt bodyEnd(int from) {
    int depth = 0;
    int i = from;
    while (i < text.length()) {
      int skipped = skip(i);
      if (skipped != i) {
        i = skipped;
        continue;
      }
      char c = text.charAt(i);
      switch (c) {
        case '(' -> depth++;
        case ')' -> depth--;
        case ';' -> {
          if (depth <= 0) {
            return OptionalInt.empty();
          }
        }
        case '{' -> {
          if (depth <= 0 || startsFunctionBody(i)) {
            return closing(i);
          }
          OptionalInt end = closing(i);
          if (end.isEmpty()) {
            return end;
          }
          i = end.getAsInt();
        }
        default -> {}
      }
      i++;
    }
    return OptionalInt.empty();
  }

  /** The offset of the {@code '}'} matching the {@code '{'} at {@code open}. */
  OptionalInt closing(int open) {
    int depth = 0;
    int i = open;
    while (i < text.length()) {
      int skipped = skip(i);
      if (skipped != i) {
        i = skipped;
        continue;
      }
      char c = text.charAt(i);
      if (c == '{') {
        depth++;
      } else if (c == '}' && --depth == 0) {
        return OptionalInt.of(i);
      }
      i++;
    }
    return OptionalInt.empty();
  }

  private boolean startsFunctionBody(int brace) {
    int j = brace - 1;
    while (j >= 0 && Character.isWhitespace(text.charAt(j))) {
      j--;
    }
    return j >= 0
        && (text.charAt(j) == ')' || (text.charAt(j) == '>' && j > 0 && text.charAt(j - 1) == '='));
  }

  /** Past the string, comment or regex starting at {@code i}; {@code i} itself if none does. */
  int skip(int i) {
    char c = text.charAt(i);
    char next = i + 1 < text.length() ? text.charAt(i + 1) : 0;
    if (c == '/' && next == '/') {
      int end = text.indexOf('\n', i);
      return end < 0 ? text.length() : end;
    }
    if (c == '/' && next == '*') {
      int end = text.indexOf("*/", i + 2);
      return end < 0 ? text.length() : end + 2;
    }
    if (c == '"' && text.startsWith("\"\"\"", i) && !javascript) {
      int end = text.indexOf("\"\"\"", i + 3);
      return end < 0 ? text.length() : end + 3;
    }
    if (c == '"' || c == '\'' || (c == '`' && javascript)) {
      return quoted(i, c);
    }
    if (c == '/' && javascript && regexMayStart(i)) {
      return regex(i);
    }
    return i;
  }

  private int quoted(int start, char quote) {
    int i = start + 1;
    while (i < text.length()) {
      char c = text.charAt(i);
      if (c == '\\') {
        i += 2;
        continue;
      }
      if (c == quote) {
        return i + 1;
      }
      if (c == '\n' && quote != '`') {
        return i; // An unterminated literal: do not swallow the rest of the file.
      }
      i++;
    }
    return text.length();
  }

  private boolean regexMayStart(int slash) {
    int j = slash - 1;
    while (j >= 0 && (text.charAt(j) == ' ' || text.charAt(j) == '\t')) {
      j--;
    }
    if (j < 0) {
      return true;
    }
    char before = text.charAt(j);
    if ("(,=:[!&|?{};+-*%<>~^\n".indexOf(before) >= 0) {
      return true;
    }
    return text.startsWith("return", Math.max(0, j - 5)) && j >= 5;
  }

  private int regex(int start) {
    int i = start + 1;
    boolean inClass = false;
    while (i < text.length()) {
      char c = text.charAt(i);
      if (c == '\\') {
        i += 2;
        continue;
      }
      if (c == '\n') {
        return start + 1; // Not a regex after all (a division at the end of a line).
      }
      if (c == '[') {
        inClass = true;
      } else if (c == ']') {
        inClass = false;
      } else if (c == '/' && !inClass) {
        return i + 1;
      }
      i++;
    }
    return start + 1;
  }

  /** 1-based line numbers of offsets, by binary search over the line starts. */
  static final class Lines {
    private final int[] starts;

    Lines(String text) {
      int count = 1;
      for (int i = 0; i < text.length(); i++) {
        if (text.charAt(i) == '\n') {
          count++;
        }
      }
      starts = new int[count];
      int line = 1;
      for (int i = 0; i < text.length(); i++) {
        if (text.charAt(i) == '\n') {
          starts[line++] = i + 1;
        }
      }
    }

    int lineOf(int offset) {
      int found = java.util.Arrays.binarySearch(starts, offset);
      return found >= 0 ? found + 1 : -found - 1;
    }

    int startOf(int line) {
      return starts[line - 1];
    }

    int count() {
      return starts.length;
    }
  }
}
