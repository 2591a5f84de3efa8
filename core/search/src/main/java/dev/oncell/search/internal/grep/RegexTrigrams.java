package dev.oncell.search.internal.grep;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Derives from a Java regular expression the trigrams that any matching line must contain, after
 * Russ Cox's "Regular Expression Matching with a Trigram Index": every subexpression has either a
 * small set of exact strings it can match, or only a requirement on trigrams; literal runs give
 * conjunctions, alternations disjunctions, and anything not understood (classes of many chars,
 * backreferences, {@code *}) requires nothing. The result is conservative: it never excludes a line
 * that has a match. Trigrams are exact; chars under {@code (?i)} (scoped as {@link
 * java.util.regex.Pattern} scopes it: to the end of the enclosing group, across {@code |}) ask for
 * any of their case variants. Computed over the {@link RegexParser} tree (the one {@link LineDfa}
 * is built from); callers validate the regex with {@link java.util.regex.Pattern} first, and a
 * construct the parser does not know gives {@link TrigramQuery#ALL}.
 */
public final class RegexTrigrams {

  /** Most strings in an exact set before it turns into a trigram requirement. */
  static final int MAX_EXACT = 32;

  /**
   * Longest exact string kept: a longer one becomes a trigram requirement (of which a conjunction
   * keeps {@link TrigramQuery#MAX_AND} anyway), so that {@code a{1000}{1000}} costs nothing.
   */
  static final int MAX_LITERAL = 64;

  private RegexTrigrams() {}

  /** The trigram requirement of {@code regex}, a valid {@link java.util.regex.Pattern}. */
  public static TrigramQuery of(String regex) {
    try {
      return of(RegexParser.parse(regex));
    } catch (RegexParser.Unsupported e) {
      return TrigramQuery.ALL;
    }
  }

  /** The trigram requirement of a regex's tree. */
  static TrigramQuery of(RegexNode tree) {
    try {
      return info(tree).requirement().bounded();
    } catch (RuntimeException e) {
      return TrigramQuery.ALL;
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

  private static Info info(RegexNode node) {
    if (node instanceof RegexNode.Char c) {
      return Info.exactly(Set.of(Literal.of(c.text(), c.ignoreCase())));
    }
    if (node instanceof RegexNode.CharClass c) {
      if (c.exact().isEmpty()) {
        return Info.anything();
      }
      Set<Literal> exact = new LinkedHashSet<>();
      for (char x : c.exact()) {
        exact.add(Literal.of(String.valueOf(x), c.ignoreCase()));
      }
      return Info.exactly(exact);
    }
    if (node instanceof RegexNode.Concat c) {
      return concatenation(c.items());
    }
    if (node instanceof RegexNode.Alternation a) {
      return alternation(a.branches());
    }
    if (node instanceof RegexNode.Repeat r) {
      return repeat(info(r.inner()), r.min(), r.max());
    }
    if (node instanceof RegexNode.Atomic a) {
      return info(a.inner()); // matches the same strings
    }
    if (node instanceof RegexNode.Opaque) {
      return Info.anything();
    }
    // zero width: ^, $, \b and the like, lookarounds, inline flags
    return Info.empty();
  }

  private static Info alternation(List<RegexNode> branches) {
    Info left = info(branches.getFirst());
    for (RegexNode branch : branches.subList(1, branches.size())) {
      Info right = info(branch);
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
  private static Info concatenation(List<RegexNode> items) {
    Info run = Info.empty();
    TrigramQuery required = TrigramQuery.ALL;
    boolean exact = true;
    for (RegexNode node : items) {
      Info item = info(node);
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
}
