package dev.oncell.search.internal.grep;

import dev.oncell.search.GrepMatch;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.apache.lucene.util.automaton.Automata;
import org.apache.lucene.util.automaton.Automaton;
import org.apache.lucene.util.automaton.Operations;
import org.apache.lucene.util.automaton.TooComplexToDeterminizeException;

/**
 * A deterministic automaton that tells which ASCII lines a regex matches, run over UTF-8 bytes at
 * about a nanosecond a byte (grep's own approach), where {@link java.util.regex} tries the regex at
 * every position. A line with a byte outside ASCII is left to {@link java.util.regex}.
 *
 * <p>Exact on ASCII lines: every single-char atom (a literal, a class, an escape such as {@code \w}
 * or {@code \p{Alpha}}, {@code .}) gets the set of ASCII chars that {@link Pattern} itself matches
 * with the same flags, and the atoms are combined with the regular operators the regex uses
 * (concatenation, {@code |}, {@code ?}, {@code *}, {@code +}, {@code {n,m}}, lazy or not), whose
 * ASCII strings are the ASCII strings of the regex. Constructs that are not regular or look around
 * ({@code \b}, lookarounds, backreferences, atomic groups, possessive quantifiers), inline flags
 * other than {@code i}, {@code ^} and {@code $} anywhere but at the ends of the whole regex, and
 * automata over {@link #MAX_STATES} states are not compiled.
 */
public final class LineDfa {

  /** Most states; a regex whose automaton is larger is matched by {@link java.util.regex}. */
  static final int MAX_STATES = 2048;

  /** Most effort spent making the automaton deterministic. */
  static final int WORK_LIMIT = 20_000;

  /** The largest repetition bound compiled. */
  static final int MAX_REPEAT = 64;

  private static final int NEWLINE = -1;
  private static final int NON_ASCII = -2;
  private static final int MATCH = -3;
  private static final int DEAD = -4;

  /** Next state by {@code state << 8 | byte}, or one of the negative events. */
  private final int[] table;

  private final boolean[] accept;
  private final boolean anchoredEnd;
  private final boolean everyLine;

  /**
   * The bytes on which the initial state stays where it is (most of them, when the regex is not
   * anchored at the start): skipped by a loop that does not wait for the previous step.
   */
  private final boolean[] stay;

  private final boolean skips;

  private LineDfa(int[] table, boolean[] accept, boolean anchoredEnd, boolean everyLine) {
    this.table = table;
    this.accept = accept;
    this.anchoredEnd = anchoredEnd;
    this.everyLine = everyLine;
    this.stay = new boolean[256];
    int staying = 0;
    for (int b = 0; b < 256; b++) {
      stay[b] = table[b] == 0;
      staying += stay[b] ? 1 : 0;
    }
    this.skips = staying > 64;
  }

  /** The automaton of a regex in Java syntax, as {@link GrepPattern} compiles it; empty if none. */
  public static Optional<LineDfa> of(String javaRegex) {
    try {
      Parser parser = new Parser(GrepPattern.unquote(javaRegex));
      Automaton language = parser.parse();
      Automaton find =
          parser.anchoredStart
              ? language
              : Operations.concatenate(Operations.repeat(Automata.makeCharRange(0, 127)), language);
      Automaton dfa = Operations.removeDeadStates(Operations.determinize(find, WORK_LIMIT));
      return Optional.ofNullable(build(dfa, parser.anchoredEnd));
    } catch (Unsupported | TooComplexToDeterminizeException | IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  private static LineDfa build(Automaton dfa, boolean anchoredEnd) {
    int states = Math.max(1, dfa.getNumStates());
    if (states > MAX_STATES) {
      return null;
    }
    int[] table = new int[states << 8];
    boolean[] accept = new boolean[states];
    for (int s = 0; s < states; s++) {
      accept[s] = dfa.getNumStates() > 0 && dfa.isAccept(s);
      for (int b = 0; b < 256; b++) {
        int next;
        if (b == '\n') {
          next = NEWLINE;
        } else if (b >= 0x80) {
          next = NON_ASCII;
        } else {
          int t = dfa.getNumStates() == 0 ? -1 : dfa.step(s, b);
          next = t < 0 ? DEAD : !anchoredEnd && dfa.isAccept(t) ? MATCH : t;
        }
        table[(s << 8) | b] = next;
      }
    }
    return new LineDfa(table, accept, anchoredEnd, !anchoredEnd && accept[0]);
  }

  /**
   * Adds the lines of {@code bytes[from, to)} (valid UTF-8, whole lines, the first one numbered
   * {@code firstLine}) that {@code pattern} (the regex of this automaton) finds, until {@code out}
   * holds {@code limit} matches.
   */
  public void match(
      byte[] bytes,
      int from,
      int to,
      int firstLine,
      String path,
      Pattern pattern,
      List<GrepMatch> out,
      int limit) {
    int i = from;
    int line = firstLine;
    while (i < to && out.size() < limit) {
      int start = i;
      int s = 0;
      int event = everyLine ? MATCH : NEWLINE;
      while (i < to && !everyLine) {
        if (s == 0 && skips) {
          while (i < to && stay[bytes[i] & 0xFF]) {
            i++;
          }
          if (i == to) {
            break;
          }
        }
        int t = table[(s << 8) | (bytes[i] & 0xFF)];
        if (t < 0) {
          event = t;
          break;
        }
        s = t;
        i++;
      }
      boolean found;
      boolean decide = false;
      if (event == NEWLINE) {
        found = anchoredEnd && accept[s]; // the whole line was read
      } else if (event == MATCH) {
        found = true;
      } else {
        found = false;
        decide = event == NON_ASCII; // DEAD only holds if the rest is ASCII
      }
      int end = i;
      while (end < to && bytes[end] != '\n') {
        decide |= event == DEAD && bytes[end] < 0;
        end++;
      }
      if (decide) {
        String text = new String(bytes, start, end - start, StandardCharsets.UTF_8);
        if (pattern.matcher(text).find()) {
          out.add(new GrepMatch(path, line, text));
        }
      } else if (found) {
        out.add(
            new GrepMatch(
                path, line, new String(bytes, start, end - start, StandardCharsets.UTF_8)));
      }
      i = end + 1;
      line++;
    }
  }

  /** A construct not compiled. */
  private static final class Unsupported extends Exception {
    Unsupported() {
      super(null, null, false, false);
    }
  }

  /** Builds the automaton of the regex's language, atoms as ASCII sets. */
  private static final class Parser {
    private final String re;
    private int pos;
    private int depth;
    private boolean ignoreCase;
    private boolean anchoredStart;
    private boolean anchoredEnd;
    private int topBranches = 1;
    private final Map<String, Automaton> sets = new HashMap<>();

    Parser(String re) {
      this.re = re;
    }

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
      return branches.size() == 1 ? branches.getFirst() : Operations.union(branches);
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
      return items.isEmpty() ? Automata.makeEmptyString() : Operations.concatenate(items);
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
          if (bounds.length > 2
              || min > MAX_REPEAT
              || max > MAX_REPEAT
              || (max >= 0 && max < min)) {
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
        a =
            max < 0
                ? (min == 0 ? Operations.repeat(a) : Operations.repeat(a, min))
                : Operations.repeat(a, min, max);
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
}
