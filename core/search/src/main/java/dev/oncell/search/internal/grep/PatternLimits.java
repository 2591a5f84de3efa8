package dev.oncell.search.internal.grep;

import dev.oncell.search.SearchException;

/**
 * What a grep regex may cost, checked on its text in one linear pass before anything compiles it:
 * its length, the bound of each counted repetition ({@code x{n,m}}), the product of the bounds of
 * repetitions nested in one another or stacked ({@code (x{100}){100}}, {@code a{9}{9}}: {@link
 * java.util.regex} and any automaton unroll them), the longest run of literal chars, and the depth
 * of nested groups. A regex over a limit is refused with {@code pattern_too_complex}, naming the
 * limit. Within the limits a regex may still be slow on some text (backtracking); the request's
 * {@link dev.oncell.search.Budget} bounds that.
 */
final class PatternLimits {

  /** Most chars in a regex. */
  static final int MAX_LENGTH = 10_000;

  /** Largest bound of one counted repetition ({@code grep -E} allows 32,767; nobody needs it). */
  static final int MAX_REPEAT = 1_000;

  /** Largest product of the bounds of repetitions nested in (or stacked on) each other. */
  static final long MAX_NESTED_REPEAT = 10_000;

  /** Longest run of literal chars. */
  static final int MAX_LITERAL = 1_000;

  /** Deepest nesting of groups. */
  static final int MAX_DEPTH = 64;

  private final String re;
  private int pos;
  private int depth;

  private PatternLimits(String re) {
    this.re = re;
  }

  /**
   * Checks {@code regex} (as given, before translation).
   *
   * @throws SearchException {@code pattern_too_complex} (invalid) when it is over a limit
   */
  static void check(String regex) {
    if (regex.length() > MAX_LENGTH) {
      throw tooComplex(
          "the regex has "
              + regex.length()
              + " characters; at most "
              + MAX_LENGTH
              + " are allowed (limit: pattern length)");
    }
    PatternLimits scan = new PatternLimits(GrepPattern.unquote(regex));
    while (scan.more()) {
      scan.alternation();
      if (scan.more()) {
        scan.pos++; // an unbalanced ')': Pattern reports it
      }
    }
  }

  private static SearchException tooComplex(String why) {
    return SearchException.tooComplex("the regex is too costly to run: " + why);
  }

  private boolean more() {
    return pos < re.length();
  }

  /** The largest repetition product inside the alternation, up to its closing parenthesis. */
  private long alternation() {
    long cost = 1;
    int literal = 0;
    while (more() && re.charAt(pos) != ')') {
      char c = re.charAt(pos);
      if (c == '|') {
        pos++;
        literal = 0;
        continue;
      }
      int start = pos;
      boolean single = atomIsLiteral();
      long item = atom();
      long times = quantifiers();
      if (single && times == 0) {
        literal++;
        if (literal > MAX_LITERAL) {
          throw tooComplex(
              "it holds a literal of more than "
                  + MAX_LITERAL
                  + " characters near position "
                  + (start + 1)
                  + " (limit: literal length)");
        }
      } else {
        literal = 0;
      }
      long total = saturatedProduct(item, Math.max(1, times));
      if (total > MAX_NESTED_REPEAT) {
        throw tooComplex(
            "repetitions nested or stacked near position "
                + (start + 1)
                + " repeat "
                + (total == Long.MAX_VALUE ? "billions of" : String.valueOf(total))
                + " times; at most "
                + MAX_NESTED_REPEAT
                + " in all (limit: nested repetition)");
      }
      cost = Math.max(cost, total);
    }
    return cost;
  }

  private boolean atomIsLiteral() {
    char c = re.charAt(pos);
    if (c == '\\') {
      return pos + 1 < re.length() && !Character.isLetterOrDigit(re.charAt(pos + 1));
    }
    return "([.^$*+?{".indexOf(c) < 0;
  }

  /** Skips one atom; returns the repetition product inside it (1 for a single char). */
  private long atom() {
    char c = re.charAt(pos);
    switch (c) {
      case '(' -> {
        return group();
      }
      case '[' -> {
        skipClass();
        return 1;
      }
      case '\\' -> {
        skipEscape();
        return 1;
      }
      default -> {
        pos++;
        return 1;
      }
    }
  }

  private long group() {
    pos++; // (
    if (++depth > MAX_DEPTH) {
      throw tooComplex(
          "groups are nested more than "
              + MAX_DEPTH
              + " deep near position "
              + pos
              + " (limit: group depth)");
    }
    if (more() && re.charAt(pos) == '?') {
      pos++;
      if (more() && re.charAt(pos) == '<' && pos + 1 < re.length()) {
        char n = re.charAt(pos + 1);
        if (n != '=' && n != '!') {
          int close = re.indexOf('>', pos);
          pos = close < 0 ? re.length() : close + 1; // named group
        }
      }
      // flags, ':', '=', '!', '>', '<=', '<!' are plain chars for what is counted here
    }
    long inner = alternation();
    if (more()) {
      pos++; // )
    }
    depth--;
    return inner;
  }

  /**
   * Skips the quantifiers after an atom; returns their product (0 when there is none, saturating).
   */
  private long quantifiers() {
    long product = 0;
    while (more()) {
      char c = re.charAt(pos);
      long times;
      if (c == '*' || c == '+' || c == '?') {
        pos++;
        times = 1;
      } else if (c == '{') {
        int close = re.indexOf('}', pos);
        if (close < 0) {
          return product; // Pattern reports it
        }
        String[] bounds = re.substring(pos + 1, close).split(",", -1);
        if (bounds.length > 2) {
          return product;
        }
        long min = number(bounds[0]);
        long max = bounds.length == 1 ? min : bounds[1].isBlank() ? -1 : number(bounds[1]);
        if (min < -1 || max < -1) {
          return product; // not a quantifier: Pattern reports it
        }
        if (min > MAX_REPEAT || max > MAX_REPEAT) {
          throw tooComplex(
              "the repetition "
                  + re.substring(pos, close + 1)
                  + " near position "
                  + (pos + 1)
                  + " is over "
                  + MAX_REPEAT
                  + " (limit: repetition bound)");
        }
        pos = close + 1;
        times = Math.max(1, Math.max(min, max));
      } else {
        return product;
      }
      if (more() && (re.charAt(pos) == '?' || re.charAt(pos) == '+')) {
        pos++; // lazy or possessive
      }
      product = saturatedProduct(Math.max(1, product), times);
    }
    return product;
  }

  /** The number in {@code s}; -1 when blank; -2 when not a number; huge numbers saturate. */
  private static long number(String s) {
    String t = s.strip();
    if (t.isEmpty()) {
      return -1;
    }
    long n = 0;
    for (int i = 0; i < t.length(); i++) {
      char d = t.charAt(i);
      if (d < '0' || d > '9') {
        return -2;
      }
      n = Math.min(Integer.MAX_VALUE, n * 10 + (d - '0'));
    }
    return n;
  }

  private static long saturatedProduct(long a, long b) {
    long p = a * b;
    return (a != 0 && (p / a != b || p < 0)) ? Long.MAX_VALUE : p;
  }

  private void skipEscape() {
    pos++; // backslash
    if (!more()) {
      return;
    }
    char c = re.charAt(pos++);
    if ((c == 'p' || c == 'P' || c == 'x' || c == 'N' || c == 'k')
        && more()
        && (re.charAt(pos) == '{' || re.charAt(pos) == '<')) {
      int close = re.indexOf(re.charAt(pos) == '{' ? '}' : '>', pos);
      pos = close < 0 ? re.length() : close + 1;
    }
  }

  private void skipClass() {
    int d = 0;
    while (more()) {
      char c = re.charAt(pos++);
      if (c == '\\') {
        pos++;
      } else if (c == '[') {
        d++;
      } else if (c == ']' && --d == 0) {
        return;
      }
    }
  }
}
