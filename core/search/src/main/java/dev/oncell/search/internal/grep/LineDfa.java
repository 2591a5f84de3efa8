package dev.oncell.search.internal.grep;

import dev.oncell.search.Budget;
import dev.oncell.search.GrepMatch;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.apache.lucene.util.automaton.Automata;
import org.apache.lucene.util.automaton.Automaton;
import org.apache.lucene.util.automaton.Operations;
import org.apache.lucene.util.automaton.TooComplexToDeterminizeException;

/**
 * A deterministic automaton, built by {@link DfaBuilder} from the {@link RegexParser} tree, that
 * tells which ASCII lines a regex matches, run over UTF-8 bytes at 1 to 2 ns a byte (grep's own
 * approach), where {@link java.util.regex} tries the regex at every position. A line with a byte
 * outside ASCII is left to {@link java.util.regex}.
 *
 * <p>Exact on ASCII lines: every single-char atom (a literal, a class, an escape such as {@code \w}
 * or {@code \p{Alpha}}, {@code .}) gets the set of ASCII chars that {@link Pattern} itself matches
 * with the same flags, and the atoms are combined with the regular operators the regex uses
 * (concatenation, {@code |}, {@code ?}, {@code *}, {@code +}, {@code {n,m}}, lazy or not), whose
 * ASCII strings are the ASCII strings of the regex. Constructs that are not regular or look around
 * ({@code \b}, lookarounds, backreferences, atomic groups, possessive quantifiers), inline flags
 * other than {@code i}, {@code ^} and {@code $} anywhere but at the ends of the whole regex, and
 * automata over {@link #MAX_STATES} states are not compiled. Building is bounded: the
 * nondeterministic automaton by {@link DfaBuilder#MAX_NFA_STATES} states, making it deterministic
 * by {@link #WORK_LIMIT}, and both check the request's {@link Budget}; a regex over a bound is left
 * to {@link java.util.regex} rather than refused.
 */
public final class LineDfa {

  /** Most states; a regex whose automaton is larger is matched by {@link java.util.regex}. */
  static final int MAX_STATES = 2048;

  /** Most effort spent making the automaton deterministic. */
  static final int WORK_LIMIT = 20_000;

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
    return of(javaRegex, Budget.unlimited());
  }

  /**
   * As {@link #of(String)}, checking {@code budget} while building.
   *
   * @throws dev.oncell.search.SearchException when the budget runs out meanwhile
   */
  public static Optional<LineDfa> of(String javaRegex, Budget budget) {
    try {
      DfaBuilder parser = new DfaBuilder(budget);
      Automaton language = parser.build(RegexParser.parse(javaRegex));
      Automaton find =
          parser.anchoredStart()
              ? language
              : Operations.concatenate(Operations.repeat(Automata.makeCharRange(0, 127)), language);
      budget.check();
      Automaton dfa = Operations.removeDeadStates(Operations.determinize(find, WORK_LIMIT));
      budget.check();
      return Optional.ofNullable(build(dfa, parser.anchoredEnd()));
    } catch (RegexParser.Unsupported
        | TooComplexToDeterminizeException
        | IllegalArgumentException e) {
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
    match(bytes, from, to, firstLine, path, pattern, out, limit, Budget.unlimited());
  }

  /** Bytes between two checks of the budget: tens of microseconds of matching. */
  private static final int CHECK_BYTES = 1 << 16;

  /**
   * As {@link #match(byte[], int, int, int, String, Pattern, List, int)}, within {@code budget}.
   */
  public void match(
      byte[] bytes,
      int from,
      int to,
      int firstLine,
      String path,
      Pattern pattern,
      List<GrepMatch> out,
      int limit,
      Budget budget) {
    int i = from;
    int line = firstLine;
    int checked = from;
    while (i < to && out.size() < limit) {
      if (i - checked > CHECK_BYTES) {
        budget.check();
        checked = i;
      }
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
        if (pattern.matcher(BudgetedText.of(text, budget)).find()) {
          out.add(Matches.of(path, line, text, 0, text.length()));
        }
      } else if (found) {
        out.add(Matches.of(path, line, bytes, start, end));
      }
      i = end + 1;
      line++;
    }
  }
}
