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
 * The language of a {@link RegexNode} tree as an automaton over ASCII, for {@link LineDfa}: each
 * single-char atom is the set of ASCII chars that {@link Pattern} matches for it under the flags in
 * force (only {@code i} is tracked, resolved by {@link RegexParser}), and atoms are combined with
 * the regular operators of the regex. {@code ^} and {@code $} are allowed only at the ends of the
 * whole regex, outside an alternation, and reported in {@link #anchoredStart} and {@link
 * #anchoredEnd}. Anything else throws {@link RegexParser.Unsupported}.
 */
final class DfaBuilder {

  /** The largest repetition bound compiled. */
  static final int MAX_REPEAT = 64;

  /**
   * Most states of the automaton while it is built (before it is made deterministic): past it, the
   * regex is left to {@link Pattern}, whatever its repetitions multiply out to.
   */
  static final int MAX_NFA_STATES = 20_000;

  private final Budget budget;
  private boolean anchoredStart;
  private boolean anchoredEnd;
  private final Map<String, Automaton> sets = new HashMap<>();

  DfaBuilder(Budget budget) {
    this.budget = budget;
  }

  /** Whether the regex starts with {@code ^}. */
  boolean anchoredStart() {
    return anchoredStart;
  }

  /** Whether the regex ends with {@code $}. */
  boolean anchoredEnd() {
    return anchoredEnd;
  }

  /** The automaton of the tree's language, restricted to ASCII strings without a newline. */
  Automaton build(RegexNode tree) throws RegexParser.Unsupported {
    List<RegexNode> items =
        new ArrayList<>(tree instanceof RegexNode.Concat c ? c.items() : List.of(tree));
    if (!items.isEmpty() && items.getLast() instanceof RegexNode.LineEnd) {
      items.removeLast();
      anchoredEnd = true;
    }
    for (int i = 0; i < items.size(); i++) {
      if (items.get(i) instanceof RegexNode.LineStart) {
        items.remove(i);
        anchoredStart = true;
        break;
      }
      if (!(items.get(i) instanceof RegexNode.Flags)) {
        break; // ^ only after zero-width flags
      }
    }
    List<Automaton> parts = new ArrayList<>();
    for (RegexNode item : items) {
      Automaton a = automaton(item);
      if (a != null) {
        parts.add(a);
      }
    }
    return concat(parts);
  }

  /** {@code a}, unless it is over the state bound; checks the budget too. */
  private Automaton bounded(Automaton a) throws RegexParser.Unsupported {
    budget.check();
    if (a.getNumStates() > MAX_NFA_STATES) {
      throw new RegexParser.Unsupported();
    }
    return a;
  }

  private Automaton concat(List<Automaton> parts) throws RegexParser.Unsupported {
    return parts.isEmpty() ? Automata.makeEmptyString() : bounded(Operations.concatenate(parts));
  }

  /** The automaton of one node, or null for zero-width flags. */
  private Automaton automaton(RegexNode node) throws RegexParser.Unsupported {
    if (node instanceof RegexNode.Char c) {
      if (Character.isSurrogate(c.text().charAt(0))) {
        throw new RegexParser.Unsupported();
      }
      return set(Pattern.quote(c.text()), c.ignoreCase());
    }
    if (node instanceof RegexNode.CharClass c) {
      return set(c.regex(), c.ignoreCase());
    }
    if (node instanceof RegexNode.Concat c) {
      List<Automaton> parts = new ArrayList<>();
      for (RegexNode item : c.items()) {
        Automaton a = automaton(item);
        if (a != null) {
          parts.add(a);
        }
      }
      return concat(parts);
    }
    if (node instanceof RegexNode.Alternation alt) {
      List<Automaton> branches = new ArrayList<>();
      for (RegexNode branch : alt.branches()) {
        Automaton a = automaton(branch);
        branches.add(a == null ? Automata.makeEmptyString() : a);
      }
      return bounded(Operations.union(branches));
    }
    if (node instanceof RegexNode.Repeat r) {
      return repeat(r);
    }
    if (node instanceof RegexNode.Flags f) {
      if (!f.flags().replace("i", "").replace("-", "").isEmpty()) {
        throw new RegexParser.Unsupported(); // only i is tracked
      }
      return null;
    }
    // ^ or $ inside, \b, lookarounds, atomic groups, \X, \R, \N
    throw new RegexParser.Unsupported();
  }

  private Automaton repeat(RegexNode.Repeat r) throws RegexParser.Unsupported {
    int min = r.min();
    int max = r.max();
    if (r.possessive() || min > MAX_REPEAT || max > MAX_REPEAT) {
      throw new RegexParser.Unsupported(); // possessive: may match less than the language
    }
    Automaton a = automaton(r.inner());
    if (a == null) {
      throw new RegexParser.Unsupported();
    }
    if (Operations.isEmpty(a)) {
      // no ASCII string: (x){0,...} is the empty string, else nothing (Lucene's repeat of an
      // empty automaton is empty)
      return min == 0 ? Automata.makeEmptyString() : a;
    }
    long states = (long) a.getNumStates() * Math.max(1, Math.max(min, max));
    if (states > MAX_NFA_STATES) {
      throw new RegexParser.Unsupported(); // decided before Lucene builds it
    }
    return bounded(
        max < 0
            ? (min == 0 ? Operations.repeat(a) : Operations.repeat(a, min))
            : Operations.repeat(a, min, max));
  }

  /** The ASCII chars (but newline) that {@code atom} matches under the flags. */
  private Automaton set(String atom, boolean ignoreCase) throws RegexParser.Unsupported {
    String flagged = (ignoreCase ? "(?i)" : "(?-i)") + atom;
    Automaton known = sets.get(flagged);
    if (known == null) {
      known = asciiSet(flagged);
      sets.put(flagged, known);
    }
    return known;
  }

  private static Automaton asciiSet(String flagged) throws RegexParser.Unsupported {
    Pattern p;
    try {
      p = Pattern.compile(flagged, GrepPattern.FLAGS);
    } catch (PatternSyntaxException e) {
      throw new RegexParser.Unsupported();
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
