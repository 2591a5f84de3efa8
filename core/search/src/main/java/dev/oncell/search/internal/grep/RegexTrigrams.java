package dev.oncell.search.internal.grep;

import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Derives from a Java regular expression the trigrams that any matching line must contain, after
 * Russ Cox's "Regular Expression Matching with a Trigram Index": every subexpression has either a
 * small set of exact strings it can match, or only a requirement on trigrams; literal runs give
 * conjunctions, alternations disjunctions, and anything not understood (classes of many chars,
 * backreferences, {@code *}) requires nothing. The result is conservative: it never excludes a line
 * that has a match. Trigrams are exact; chars under {@code (?i)} (scoped as {@link
 * java.util.regex.Pattern} scopes it: to the end of the enclosing group, across {@code |}) ask for
 * any of their case variants. Callers validate the regex with {@link java.util.regex.Pattern}
 * first; a construct this parser does not know gives {@link TrigramQuery#ALL}.
 */
public final class RegexTrigrams {

  /** Most strings in an exact set before it turns into a trigram requirement. */
  static final int MAX_EXACT = 32;

  /**
   * Longest exact string kept: a longer one becomes a trigram requirement (of which a conjunction
   * keeps {@link TrigramQuery#MAX_AND} anyway), so that {@code a{1000}{1000}} costs nothing.
   */
  static final int MAX_LITERAL = 64;

  /** Most chars in a class kept as a set of exact chars. */
  static final int MAX_CLASS = 12;

  private final String re;
  private int pos;

  /** Whether {@code (?i)} is on at {@link #pos}. */
  private boolean ignoreCase;

  private RegexTrigrams(String re) {
    this.re = re;
  }

  /** The trigram requirement of {@code regex}, a valid {@link java.util.regex.Pattern}. */
  public static TrigramQuery of(String regex) {
    try {
      RegexTrigrams parser = new RegexTrigrams(GrepPattern.unquote(regex));
      Info info = parser.alternation();
      if (parser.pos != parser.re.length()) {
        return TrigramQuery.ALL;
      }
      return info.requirement().bounded();
    } catch (Unsupported | RuntimeException e) {
      return TrigramQuery.ALL;
    }
  }

  /** A construct this parser does not analyse; the whole regex then requires nothing. */
  private static final class Unsupported extends Exception {
    Unsupported() {
      super(null, null, false, false);
    }
  }

  /**
   * What a subexpression can match.
   *
   * @param exact every string it can match; null when unknown or too many
   * @param match what any of its matches must contain, beyond {@code exact}
   */
  private record Info(Set<Literal> exact, TrigramQuery match) {

    static Info exactly(Set<Literal> strings) {
      return new Info(strings, TrigramQuery.ALL);
    }

    static Info anything() {
      return new Info(null, TrigramQuery.ALL);
    }

    static Info empty() {
      return exactly(Set.of(Literal.EMPTY));
    }

    TrigramQuery requirement() {
      return exact == null ? match : TrigramQuery.and(match, TrigramQuery.ofStrings(exact));
    }
  }

  private boolean more() {
    return pos < re.length();
  }

  private char peek() {
    return re.charAt(pos);
  }

  private Info alternation() throws Unsupported {
    Info left = concatenation();
    while (more() && peek() == '|') {
      pos++;
      Info right = concatenation();
      if (left.exact != null
          && right.exact != null
          && left.exact.size() + right.exact.size() <= MAX_EXACT) {
        Set<Literal> union = new LinkedHashSet<>(left.exact);
        union.addAll(right.exact);
        left = Info.exactly(union);
      } else {
        left = new Info(null, TrigramQuery.or(left.requirement(), right.requirement()));
      }
    }
    return left;
  }

  /**
   * A sequence: runs of exact items are multiplied out into exact strings; an inexact item (or a
   * run grown too large) closes the run, whose trigrams join the requirement.
   */
  private Info concatenation() throws Unsupported {
    Info run = Info.empty();
    TrigramQuery required = TrigramQuery.ALL;
    boolean exact = true;
    while (more() && peek() != '|' && peek() != ')') {
      Info item = repetition();
      if (item.exact != null && fits(run, item)) {
        run = concat(run, item);
      } else if (item.exact != null) {
        required = TrigramQuery.and(required, run.requirement());
        run = item;
        exact = false;
      } else {
        required = TrigramQuery.and(required, TrigramQuery.and(run.requirement(), item.match));
        run = Info.empty();
        exact = false;
      }
    }
    return exact ? run : new Info(null, TrigramQuery.and(required, run.requirement()));
  }

  /** Whether the exact sets of {@code a} and {@code b} multiply out within the bounds. */
  private static boolean fits(Info a, Info b) {
    return a.exact != null
        && b.exact != null
        && a.exact.size() * b.exact.size() <= MAX_EXACT
        && longest(a.exact) + longest(b.exact) <= MAX_LITERAL;
  }

  private static int longest(Set<Literal> strings) {
    int n = 0;
    for (Literal s : strings) {
      n = Math.max(n, s.length());
    }
    return n;
  }

  private static Info concat(Info a, Info b) {
    if (fits(a, b)) {
      Set<Literal> cross = new LinkedHashSet<>();
      for (Literal x : a.exact) {
        for (Literal y : b.exact) {
          cross.add(x.concat(y));
        }
      }
      return new Info(cross, TrigramQuery.and(a.match, b.match));
    }
    return new Info(null, TrigramQuery.and(a.requirement(), b.requirement()));
  }

  private Info repetition() throws Unsupported {
    Info atom = atom();
    while (more()) {
      char c = peek();
      int min;
      int max;
      if (c == '*') {
        pos++;
        min = 0;
        max = -1;
      } else if (c == '+') {
        pos++;
        min = 1;
        max = -1;
      } else if (c == '?') {
        pos++;
        min = 0;
        max = 1;
      } else if (c == '{') {
        int close = re.indexOf('}', pos);
        if (close < 0) {
          throw new Unsupported();
        }
        String[] bounds = re.substring(pos + 1, close).split(",", -1);
        try {
          min = Integer.parseInt(bounds[0].strip());
          max =
              bounds.length == 1
                  ? min
                  : bounds[1].isBlank() ? -1 : Integer.parseInt(bounds[1].strip());
        } catch (NumberFormatException e) {
          throw new Unsupported();
        }
        pos = close + 1;
      } else {
        break;
      }
      if (more() && (peek() == '?' || peek() == '+')) {
        pos++; // lazy or possessive: matches the same strings
      }
      atom = repeat(atom, min, max);
    }
    return atom;
  }

  private static Info repeat(Info x, int min, int max) {
    if (min == 0) {
      if (max == 1 && x.exact != null && x.exact.size() < MAX_EXACT) {
        Set<Literal> opt = new LinkedHashSet<>(x.exact);
        opt.add(Literal.EMPTY);
        return Info.exactly(opt);
      }
      return Info.anything();
    }
    if (min == max && x.exact != null) {
      Info acc = x;
      for (int i = 1; i < min && acc.exact != null; i++) {
        acc = concat(acc, x);
      }
      return acc; // exact, or what the copies made so far require (the whole contains them)
    }
    // At least one occurrence: whatever one occurrence requires.
    return new Info(null, x.requirement());
  }

  private Info atom() throws Unsupported {
    char c = peek();
    switch (c) {
      case '(' -> {
        return group();
      }
      case '[' -> {
        return charClass();
      }
      case '\\' -> {
        return escape();
      }
      case '.' -> {
        pos++;
        return Info.anything();
      }
      case '^', '$' -> {
        pos++;
        return Info.empty();
      }
      case ')', '|', '*', '+', '?', '{' -> throw new Unsupported();
      default -> {
        pos++;
        if (Character.isHighSurrogate(c) && more() && Character.isLowSurrogate(peek())) {
          pos++; // one code point: a quantifier after it repeats both chars
          return Info.exactly(Set.of(Literal.of(re.substring(pos - 2, pos), ignoreCase)));
        }
        return literal(c);
      }
    }
  }

  private Info literal(char c) {
    return Info.exactly(Set.of(Literal.of(String.valueOf(c), ignoreCase)));
  }

  private Info group() throws Unsupported {
    pos++; // (
    boolean saved = ignoreCase; // flags set inside a group end with it
    boolean zeroWidth = false;
    if (more() && peek() == '?') {
      pos++;
      if (!more()) {
        throw new Unsupported();
      }
      char k = peek();
      if (k == ':' || k == '>') {
        pos++;
      } else if (k == '=' || k == '!') {
        pos++;
        zeroWidth = true;
      } else if (k == '<') {
        pos++;
        if (more() && (peek() == '=' || peek() == '!')) {
          pos++;
          zeroWidth = true;
        } else {
          int close = re.indexOf('>', pos);
          if (close < 0) {
            throw new Unsupported();
          }
          pos = close + 1; // named group
        }
      } else {
        // Inline flags: (?i) (?-i) (?i:...)
        int start = pos;
        while (more() && peek() != ')' && peek() != ':') {
          pos++;
        }
        String flags = re.substring(start, pos);
        if (flags.indexOf('x') >= 0 || flags.indexOf('c') >= 0) {
          throw new Unsupported(); // comments mode or canonical equivalence: not analysed
        }
        int minus = flags.indexOf('-');
        int i = flags.indexOf('i');
        if (i >= 0) {
          ignoreCase = minus < 0 || i < minus;
        }
        if (!more()) {
          throw new Unsupported();
        }
        if (peek() == ')') {
          pos++;
          return Info.empty(); // the flags hold to the end of the enclosing group
        }
        pos++; // ':'
      }
    }
    Info inner = alternation();
    if (!more() || peek() != ')') {
      throw new Unsupported();
    }
    pos++;
    ignoreCase = saved;
    return zeroWidth ? Info.empty() : inner;
  }

  private Info escape() throws Unsupported {
    pos++; // backslash
    if (!more()) {
      throw new Unsupported();
    }
    char c = re.charAt(pos++);
    switch (c) {
      case 'b', 'B', 'A', 'z', 'Z', 'G' -> {
        return Info.empty();
      }
      case 't' -> {
        return literal('\t');
      }
      case 'n' -> {
        return literal('\n');
      }
      case 'r' -> {
        return literal('\r');
      }
      case 'f' -> {
        return literal('\f');
      }
      case 'a' -> {
        return literal('\u0007');
      }
      case 'e' -> {
        return literal('\u001B');
      }
      case 'd', 'D', 'w', 'W', 's', 'S', 'h', 'H', 'v', 'V', 'X', 'R' -> {
        return Info.anything();
      }
      case 'p', 'P', 'N' -> {
        skipBraces();
        return Info.anything();
      }
      case 'x', 'u', '0', 'c', 'k' -> throw new Unsupported();
      default -> {
        if (Character.isLetterOrDigit(c)) {
          throw new Unsupported(); // backreferences and escapes not known here
        }
        return literal(c);
      }
    }
  }

  private void skipBraces() {
    if (more() && peek() == '{') {
      int close = re.indexOf('}', pos);
      pos = close < 0 ? re.length() : close + 1;
    } else if (more()) {
      pos++;
    }
  }

  private Info charClass() throws Unsupported {
    pos++; // [
    if (!more() || peek() == '^' || peek() == ']') {
      skipClass();
      return Info.anything();
    }
    Set<Character> chars = new HashSet<>();
    boolean unknown = false;
    while (true) {
      if (!more()) {
        throw new Unsupported();
      }
      char c = re.charAt(pos);
      if (c == ']') {
        pos++;
        break;
      }
      if (c == '[' || (c == '&' && pos + 1 < re.length() && re.charAt(pos + 1) == '&')) {
        throw new Unsupported(); // nested classes and intersections
      }
      char from;
      if (c == '\\') {
        pos++;
        if (!more()) {
          throw new Unsupported();
        }
        char e = re.charAt(pos++);
        if (Character.isLetterOrDigit(e)) {
          switch (e) {
            case 't' -> from = '\t';
            case 'n' -> from = '\n';
            case 'r' -> from = '\r';
            case 'f' -> from = '\f';
            case 'p', 'P' -> {
              skipBraces();
              unknown = true;
              continue;
            }
            case 'd', 'D', 'w', 'W', 's', 'S', 'h', 'H', 'v', 'V' -> {
              unknown = true;
              continue;
            }
            default -> throw new Unsupported();
          }
        } else {
          from = e;
        }
      } else {
        from = c;
        pos++;
      }
      if (more() && peek() == '-' && pos + 1 < re.length() && re.charAt(pos + 1) != ']') {
        pos++;
        char to = re.charAt(pos++);
        if (to == '\\' || to == '[') {
          throw new Unsupported();
        }
        if (to - from + 1 > MAX_CLASS) {
          unknown = true;
          continue;
        }
        for (char x = from; x <= to; x++) {
          chars.add(x);
        }
      } else {
        chars.add(from);
      }
    }
    if (unknown || chars.size() > MAX_CLASS || chars.isEmpty()) {
      return Info.anything();
    }
    Set<Literal> exact = new LinkedHashSet<>();
    for (char x : chars) {
      if (Character.isSurrogate(x)) {
        return Info.anything(); // a class of code points, not of chars
      }
      exact.add(Literal.of(String.valueOf(x), ignoreCase));
    }
    return Info.exactly(exact);
  }

  /** Skips a negated or odd class to its closing bracket, nesting included. */
  private void skipClass() throws Unsupported {
    int depth = 1;
    boolean first = true;
    while (more()) {
      char c = re.charAt(pos++);
      if (c == '\\') {
        pos++;
      } else if (c == '[') {
        depth++;
      } else if (c == ']' && !first) {
        if (--depth == 0) {
          return;
        }
      }
      first = c == '^' && first;
    }
    throw new Unsupported();
  }
}
