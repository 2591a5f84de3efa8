package dev.oncell.search.internal.grep;

import dev.oncell.search.Budget;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.apache.lucene.util.automaton.Automata;
import org.apache.lucene.util.automaton.Automaton;
import org.apache.lucene.util.automaton.Operations;

/**
 * The language of a regex (Java syntax, quotes already rewritten by {@link GrepPattern#unquote}) as
 * an automaton over ASCII, for {@link LineDfa}: each single-char atom is the set of ASCII chars
 * that {@link Pattern} matches for it under the flags in force (only {@code i} is tracked, scoped
 * as {@link Pattern} scopes it), and atoms are combined with the regular operators of the regex.
 * {@code ^} and {@code $} are allowed only at the ends of the whole regex, outside an alternation,
 * and reported in {@link #anchoredStart} and {@link #anchoredEnd}. Anything else throws {@link
 * Unsupported}.
 */
final class DfaParser {

  /** The largest repetition bound compiled. */
  static final int MAX_REPEAT = 64;

  /**
   * Most states of the automaton while it is built (before it is made deterministic): past it, the
   * regex is left to {@link Pattern}, whatever its repetitions multiply out to.
   */
  static final int MAX_NFA_STATES = 20_000;

  /** A construct not compiled. */
  static final class Unsupported extends Exception {
    Unsupported() {
      super(null, null, false, false);
    }
  }

  private final String re;
  private final Budget budget;
  private int pos;
  private int depth;
  private boolean ignoreCase;
  private boolean anchoredStart;
  private boolean anchoredEnd;
  private int topBranches = 1;
  private final Map<String, Automaton> sets = new HashMap<>();

  DfaParser(String re) {
    this(re, Budget.unlimited());
  }

  DfaParser(String re, Budget budget) {
    this.re = re;
    this.budget = budget;
  }

  /** {@code a}, unless it is over the state bound; checks the budget too. */
  private Automaton bounded(Automaton a) throws Unsupported {
    budget.check();
    if (a.getNumStates() > MAX_NFA_STATES) {
      throw new Unsupported();
    }
    return a;
  }

  /** Whether the regex starts with {@code ^}. */
  boolean anchoredStart() {
    return anchoredStart;
  }

  /** Whether the regex ends with {@code $}. */
  boolean anchoredEnd() {
    return anchoredEnd;
  }

  /** The automaton of the regex's language, restricted to ASCII strings without a newline. */
  Automaton parse() throws Unsupported {
    Automaton a = alternation();
    if (pos != re.length() || (topBranches > 1 && (anchoredStart || anchoredEnd))) {
      throw new Unsupported();
    }
    return a;
  }

  private boolean more() {
    return pos < re.length();
  }

  private char peek() {
    return re.charAt(pos);
  }

  private Automaton alternation() throws Unsupported {
    List<Automaton> branches = new ArrayList<>();
    branches.add(concatenation(true));
    while (more() && peek() == '|') {
      pos++;
      if (depth == 0) {
        topBranches++;
      }
      branches.add(concatenation(false));
    }
    return branches.size() == 1 ? branches.getFirst() : bounded(Operations.union(branches));
  }

  private Automaton concatenation(boolean firstBranch) throws Unsupported {
    List<Automaton> items = new ArrayList<>();
    while (more() && peek() != '|' && peek() != ')') {
      if (peek() == '^') {
        if (depth != 0 || !firstBranch || !items.isEmpty() || anchoredStart) {
          throw new Unsupported();
        }
        pos++;
        anchoredStart = true;
        continue;
      }
      if (peek() == '$') {
        if (depth != 0 || pos != re.length() - 1) {
          throw new Unsupported();
        }
        pos++;
        anchoredEnd = true;
        continue;
      }
      Automaton a = repetition();
      if (a != null) {
        items.add(a);
      }
    }
    return items.isEmpty() ? Automata.makeEmptyString() : bounded(Operations.concatenate(items));
  }

  private Automaton repetition() throws Unsupported {
    Automaton a = atom();
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
        if (bounds.length > 2 || min > MAX_REPEAT || max > MAX_REPEAT || (max >= 0 && max < min)) {
          throw new Unsupported();
        }
        pos = close + 1;
      } else {
        break;
      }
      if (more() && peek() == '+') {
        throw new Unsupported(); // possessive: may match less than the language
      }
      if (more() && peek() == '?') {
        pos++; // lazy: the same lines match
      }
      if (a == null) {
        throw new Unsupported();
      }
      if (Operations.isEmpty(a)) {
        // no ASCII string: (x){0,...} is the empty string, else nothing (Lucene's repeat of an
        // empty automaton is empty)
        a = min == 0 ? Automata.makeEmptyString() : a;
        continue;
      }
      long states = (long) a.getNumStates() * Math.max(1, Math.max(min, max));
      if (states > MAX_NFA_STATES) {
        throw new Unsupported(); // decided before Lucene builds it
      }
      a =
          bounded(
              max < 0
                  ? (min == 0 ? Operations.repeat(a) : Operations.repeat(a, min))
                  : Operations.repeat(a, min, max));
    }
    return a;
  }

  /** One atom, or null for a group of inline flags (zero width). */
  private Automaton atom() throws Unsupported {
    char c = peek();
    switch (c) {
      case '(' -> {
        return group();
      }
      case '[' -> {
        int end = classEnd(pos);
        String cls = re.substring(pos, end);
        pos = end;
        return set(cls);
      }
      case '\\' -> {
        return escape();
      }
      case '.' -> {
        pos++;
        return set(".");
      }
      case ')', '|', '*', '+', '?', '{' -> throw new Unsupported();
      default -> {
        if (Character.isSurrogate(c)) {
          throw new Unsupported();
        }
        pos++;
        return set(Pattern.quote(String.valueOf(c)));
      }
    }
  }

  private Automaton group() throws Unsupported {
    pos++; // (
    boolean saved = ignoreCase;
    if (more() && peek() == '?') {
      pos++;
      if (!more()) {
        throw new Unsupported();
      }
      char k = peek();
      if (k == ':') {
        pos++;
      } else if (k == '<') {
        pos++;
        if (more() && (peek() == '=' || peek() == '!')) {
          throw new Unsupported(); // lookbehind
        }
        int close = re.indexOf('>', pos);
        if (close < 0) {
          throw new Unsupported();
        }
        pos = close + 1; // named group
      } else if (k == '=' || k == '!' || k == '>') {
        throw new Unsupported(); // lookahead, atomic group
      } else {
        boolean on = true;
        while (more() && peek() != ')' && peek() != ':') {
          char f = re.charAt(pos++);
          if (f == '-') {
            on = false;
          } else if (f == 'i') {
            ignoreCase = on;
          } else {
            throw new Unsupported();
          }
        }
        if (!more()) {
          throw new Unsupported();
        }
        if (peek() == ')') {
          pos++;
          return null; // the flags hold to the end of the enclosing group
        }
        pos++; // ':'
      }
    }
    depth++;
    Automaton inner = alternation();
    depth--;
    if (!more() || peek() != ')') {
      throw new Unsupported();
    }
    pos++;
    ignoreCase = saved;
    return inner;
  }

  private Automaton escape() throws Unsupported {
    if (pos + 1 >= re.length()) {
      throw new Unsupported();
    }
    char c = re.charAt(pos + 1);
    int end;
    if (c == 'p' || c == 'P') {
      if (pos + 2 < re.length() && re.charAt(pos + 2) == '{') {
        int close = re.indexOf('}', pos + 3);
        if (close < 0) {
          throw new Unsupported();
        }
        end = close + 1;
      } else {
        end = pos + 3;
      }
    } else if ("dDsSwWhHvVtnrfae".indexOf(c) >= 0 || !Character.isLetterOrDigit(c)) {
      end = pos + 2;
    } else {
      throw new Unsupported(); // b, A, z, R, X, backreferences, x, u, 0, c, N, k escapes
    }
    if (Character.isSurrogate(c) || end > re.length()) {
      throw new Unsupported();
    }
    String atom = re.substring(pos, end);
    pos = end;
    return set(atom);
  }

  /** Where the class opening at {@code open} ends (after its bracket). */
  private int classEnd(int open) throws Unsupported {
    int d = 0;
    for (int i = open; i < re.length(); i++) {
      char c = re.charAt(i);
      if (c == '\\') {
        i++;
      } else if (c == '[') {
        d++;
      } else if (c == ']' && --d == 0) {
        return i + 1;
      }
    }
    throw new Unsupported();
  }

  /** The ASCII chars (but newline) that {@code atom} matches under the current flags. */
  private Automaton set(String atom) throws Unsupported {
    String flagged = (ignoreCase ? "(?i)" : "(?-i)") + atom;
    Automaton known = sets.get(flagged);
    if (known == null) {
      known = asciiSet(flagged);
      sets.put(flagged, known);
    }
    return known;
  }

  private static Automaton asciiSet(String flagged) throws Unsupported {
    Pattern p;
    try {
      p = Pattern.compile(flagged, GrepPattern.FLAGS);
    } catch (PatternSyntaxException e) {
      throw new Unsupported();
    }
    List<Integer> starts = new ArrayList<>();
    List<Integer> ends = new ArrayList<>();
    char[] one = new char[1];
    int runStart = -1;
    for (int c = 0; c <= 128; c++) {
      boolean in = false;
      if (c < 128 && c != '\n') {
        one[0] = (char) c;
        in = p.matcher(new String(one)).matches();
      }
      if (in && runStart < 0) {
        runStart = c;
      } else if (!in && runStart >= 0) {
        starts.add(runStart);
        ends.add(c - 1);
        runStart = -1;
      }
    }
    if (starts.isEmpty()) {
      return Automata.makeEmpty();
    }
    return Automata.makeCharClass(
        starts.stream().mapToInt(Integer::intValue).toArray(),
        ends.stream().mapToInt(Integer::intValue).toArray());
  }
}
