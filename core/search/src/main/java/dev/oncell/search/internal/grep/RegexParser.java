package dev.oncell.search.internal.grep;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The one parser of grep's regexes (Java syntax, quotes rewritten by {@link GrepPattern#unquote}):
 * reads a regex that {@link java.util.regex.Pattern} accepts into a {@link RegexNode} tree, from
 * which {@link LineDfa} builds its automaton and {@link RegexTrigrams} its trigram query. A
 * construct neither of them uses (backreferences, the escapes {@code x}, {@code u}, {@code 0},
 * {@code c} and {@code k}, comments mode, canonical equivalence) throws {@link Unsupported}; both
 * then fall back (the regex is matched with {@link java.util.regex.Pattern} on every block).
 */
final class RegexParser {

  /** Most chars in a class kept as a set of exact chars. */
  static final int MAX_CLASS = 12;

  /** A construct not parsed. */
  static final class Unsupported extends Exception {
    Unsupported() {
      super(null, null, false, false);
    }
  }

  private final String re;
  private int pos;

  /** Whether {@code (?i)} is on at {@link #pos}. */
  private boolean ignoreCase;

  private RegexParser(String re) {
    this.re = re;
  }

  /** The tree of {@code regex}, a valid {@link java.util.regex.Pattern}. */
  static RegexNode parse(String regex) throws Unsupported {
    RegexParser parser = new RegexParser(GrepPattern.unquote(regex));
    try {
      RegexNode tree = parser.alternation();
      if (parser.pos != parser.re.length()) {
        throw new Unsupported();
      }
      return tree;
    } catch (RuntimeException e) {
      throw new Unsupported();
    }
  }

  private boolean more() {
    return pos < re.length();
  }

  private char peek() {
    return re.charAt(pos);
  }

  private RegexNode alternation() throws Unsupported {
    List<RegexNode> branches = new ArrayList<>();
    branches.add(concatenation());
    while (more() && peek() == '|') {
      pos++;
      branches.add(concatenation());
    }
    return branches.size() == 1 ? branches.getFirst() : new RegexNode.Alternation(branches);
  }

  private RegexNode concatenation() throws Unsupported {
    List<RegexNode> items = new ArrayList<>();
    while (more() && peek() != '|' && peek() != ')') {
      items.add(repetition());
    }
    return items.size() == 1 ? items.getFirst() : new RegexNode.Concat(items);
  }

  private RegexNode repetition() throws Unsupported {
    RegexNode atom = atom();
    while (more()) {
      char c = peek();
      int min;
      int max;
      if (c == '*' || c == '+' || c == '?') {
        pos++;
        min = c == '+' ? 1 : 0;
        max = c == '?' ? 1 : -1;
      } else if (c == '{') {
        int close = re.indexOf('}', pos);
        if (close < 0) {
          throw new Unsupported();
        }
        String[] bounds = re.substring(pos + 1, close).split(",", -1);
        try {
          min = Integer.parseInt(bounds[0]);
          max = bounds.length == 1 ? min : bounds[1].isEmpty() ? -1 : Integer.parseInt(bounds[1]);
        } catch (NumberFormatException e) {
          throw new Unsupported();
        }
        if (bounds.length > 2 || min < 0 || (max >= 0 && max < min)) {
          throw new Unsupported();
        }
        pos = close + 1;
      } else {
        break;
      }
      boolean possessive = false;
      if (more() && peek() == '+') {
        pos++;
        possessive = true;
      } else if (more() && peek() == '?') {
        pos++; // lazy: the same lines match
      }
      atom = new RegexNode.Repeat(atom, min, max, possessive);
    }
    return atom;
  }

  private RegexNode atom() throws Unsupported {
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
        return new RegexNode.CharClass(".", ignoreCase, List.of());
      }
      case '^' -> {
        pos++;
        return new RegexNode.LineStart();
      }
      case '$' -> {
        pos++;
        return new RegexNode.LineEnd();
      }
      case ')', '|', '*', '+', '?', '{' -> throw new Unsupported();
      default -> {
        int start = pos++;
        if (Character.isHighSurrogate(c) && more() && Character.isLowSurrogate(peek())) {
          pos++; // one code point: a quantifier after it repeats both chars
        }
        return new RegexNode.Char(re.substring(start, pos), ignoreCase);
      }
    }
  }

  private RegexNode group() throws Unsupported {
    pos++; // (
    boolean saved = ignoreCase; // flags set inside a group end with it
    String flags = "";
    int kind = 0; // 0 plain, 1 atomic, 2 lookaround
    if (more() && peek() == '?') {
      pos++;
      if (!more()) {
        throw new Unsupported();
      }
      char k = peek();
      if (k == ':') {
        pos++;
      } else if (k == '>') {
        pos++;
        kind = 1;
      } else if (k == '=' || k == '!') {
        pos++;
        kind = 2;
      } else if (k == '<') {
        pos++;
        if (more() && (peek() == '=' || peek() == '!')) {
          pos++;
          kind = 2;
        } else {
          int close = re.indexOf('>', pos);
          if (close < 0) {
            throw new Unsupported();
          }
          pos = close + 1; // named group
        }
      } else {
        int start = pos;
        boolean on = true;
        while (more() && peek() != ')' && peek() != ':') {
          char f = re.charAt(pos++);
          if (f == '-') {
            on = false;
          } else if (f == 'i') {
            ignoreCase = on;
          } else if (f == 'x' || f == 'c') {
            throw new Unsupported(); // comments mode or canonical equivalence
          }
        }
        flags = re.substring(start, pos);
        if (!more()) {
          throw new Unsupported();
        }
        if (peek() == ')') {
          pos++;
          return new RegexNode.Flags(flags); // they hold to the end of the enclosing group
        }
        pos++; // ':'
      }
    }
    RegexNode inner = alternation();
    if (!more() || peek() != ')') {
      throw new Unsupported();
    }
    pos++;
    ignoreCase = saved;
    if (kind == 1) {
      return new RegexNode.Atomic(inner);
    }
    if (kind == 2) {
      return new RegexNode.Lookaround(inner);
    }
    return flags.isEmpty()
        ? inner
        : new RegexNode.Concat(List.of(new RegexNode.Flags(flags), inner));
  }

  private RegexNode escape() throws Unsupported {
    int start = pos;
    pos++; // backslash
    if (!more()) {
      throw new Unsupported();
    }
    char c = re.charAt(pos++);
    switch (c) {
      case 'b', 'B', 'A', 'z', 'Z', 'G' -> {
        return new RegexNode.Boundary(c);
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
      case 'd', 'D', 'w', 'W', 's', 'S', 'h', 'H', 'v', 'V' -> {
        return new RegexNode.CharClass(re.substring(start, pos), ignoreCase, List.of());
      }
      case 'p', 'P' -> {
        skipBraces();
        return new RegexNode.CharClass(re.substring(start, pos), ignoreCase, List.of());
      }
      case 'X', 'R' -> {
        return new RegexNode.Opaque(re.substring(start, pos));
      }
      case 'N' -> {
        skipBraces();
        return new RegexNode.Opaque(re.substring(start, pos));
      }
      default -> {
        if (Character.isLetterOrDigit(c)) {
          throw new Unsupported(); // backreferences, and the escapes x, u, 0, c, k
        }
        return literal(c);
      }
    }
  }

  private RegexNode literal(char c) {
    return new RegexNode.Char(String.valueOf(c), ignoreCase);
  }

  private void skipBraces() throws Unsupported {
    if (more() && peek() == '{') {
      int close = re.indexOf('}', pos);
      if (close < 0) {
        throw new Unsupported();
      }
      pos = close + 1;
    } else if (more()) {
      pos++;
    } else {
      throw new Unsupported();
    }
  }

  /**
   * A bracket class, kept whole as Java syntax; its chars are listed when it is a plain list of
   * chars and ranges of at most {@link #MAX_CLASS} chars.
   */
  private RegexNode charClass() throws Unsupported {
    int start = pos;
    int end = classEnd(start);
    String text = re.substring(start, end);
    pos = end;
    return new RegexNode.CharClass(text, ignoreCase, exactChars(text));
  }

  /**
   * Where the class opening at {@code open} ends (after its bracket); a {@code ]} right after
   * {@code [} or {@code [^} is a member, as {@link java.util.regex.Pattern} reads it.
   */
  private int classEnd(int open) throws Unsupported {
    int depth = 0;
    int i = open;
    while (i < re.length()) {
      char c = re.charAt(i);
      if (c == '\\') {
        i += 2;
        continue;
      }
      if (c == '[') {
        depth++;
        i++;
        if (i < re.length() && re.charAt(i) == '^') {
          i++;
        }
        if (i < re.length() && re.charAt(i) == ']') {
          i++;
        }
        continue;
      }
      if (c == ']' && --depth == 0) {
        return i + 1;
      }
      i++;
    }
    throw new Unsupported();
  }

  /** The chars of a plain class such as {@code [abc]} or {@code [a-f_]}; empty if not plain. */
  private static List<Character> exactChars(String cls) {
    String body = cls.substring(1, cls.length() - 1);
    if (body.isEmpty() || body.charAt(0) == '^' || body.charAt(0) == ']') {
      return List.of();
    }
    Set<Character> chars = new LinkedHashSet<>();
    int i = 0;
    while (i < body.length()) {
      char c = body.charAt(i);
      if (c == '[' || (c == '&' && i + 1 < body.length() && body.charAt(i + 1) == '&')) {
        return List.of(); // nested classes and intersections
      }
      char from;
      if (c == '\\') {
        char e = body.charAt(i + 1);
        i += 2;
        if (Character.isLetterOrDigit(e)) {
          switch (e) {
            case 't' -> from = '\t';
            case 'n' -> from = '\n';
            case 'r' -> from = '\r';
            case 'f' -> from = '\f';
            default -> {
              return List.of(); // \d, \w, \p{..} and other escapes: not listed
            }
          }
        } else {
          from = e;
        }
      } else {
        from = c;
        i++;
      }
      if (i + 1 < body.length() && body.charAt(i) == '-') {
        char to = body.charAt(i + 1);
        if (to == '\\' || to == '[' || to < from || to - from + 1 > MAX_CLASS) {
          return List.of();
        }
        i += 2;
        for (char x = from; x <= to; x++) {
          chars.add(x);
        }
      } else {
        chars.add(from);
      }
      if (chars.size() > MAX_CLASS) {
        return List.of();
      }
    }
    for (char x : chars) {
      if (Character.isSurrogate(x)) {
        return List.of(); // a class of code points, not of chars
      }
    }
    return List.copyOf(chars);
  }
}
