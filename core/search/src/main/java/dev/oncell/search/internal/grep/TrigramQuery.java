package dev.oncell.search.internal.grep;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.ToLongFunction;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermQuery;

/**
 * What a block of lines must contain for a regex to match one of them: a boolean of trigrams. Every
 * match lies within one line, so a line with a match satisfies the query, and so does any block of
 * whole lines around it.
 */
public sealed interface TrigramQuery {

  /** No requirement: every file is a candidate. */
  record All() implements TrigramQuery {}

  /** One trigram, exactly (the index is case-sensitive). */
  record Tri(String text) implements TrigramQuery {}

  /** Every part. */
  record And(List<TrigramQuery> parts) implements TrigramQuery {}

  /** At least one part. */
  record Or(List<TrigramQuery> parts) implements TrigramQuery {}

  TrigramQuery ALL = new All();

  /** Most trigrams in one conjunction; dropping more only admits more candidates. */
  int MAX_AND = 24;

  /** Most leaves in the whole query; a larger disjunction becomes {@link All}. */
  int MAX_LEAVES = 256;

  /** Most case variants of one trigram; a trigram with more requires nothing. */
  int MAX_VARIANTS = 64;

  static TrigramQuery and(TrigramQuery a, TrigramQuery b) {
    List<TrigramQuery> parts = new ArrayList<>();
    addAnd(parts, a);
    addAnd(parts, b);
    return andOf(parts);
  }

  private static void addAnd(List<TrigramQuery> parts, TrigramQuery q) {
    switch (q) {
      case All a -> {}
      case And and -> parts.addAll(and.parts());
      default -> parts.add(q);
    }
  }

  private static TrigramQuery andOf(List<TrigramQuery> parts) {
    Set<TrigramQuery> unique = new LinkedHashSet<>(parts);
    if (unique.isEmpty()) {
      return ALL;
    }
    if (unique.size() == 1) {
      return unique.iterator().next();
    }
    return new And(List.copyOf(unique));
  }

  static TrigramQuery or(TrigramQuery a, TrigramQuery b) {
    if (a instanceof All || b instanceof All) {
      return ALL;
    }
    Set<TrigramQuery> parts = new LinkedHashSet<>();
    for (TrigramQuery q : List.of(a, b)) {
      if (q instanceof Or or) {
        parts.addAll(or.parts());
      } else {
        parts.add(q);
      }
    }
    return parts.size() == 1 ? parts.iterator().next() : new Or(List.copyOf(parts));
  }

  /**
   * All trigrams of {@code s}, each an {@link Or} of its case variants where {@code s} ignores
   * case, or {@link All} when it is shorter than three chars.
   */
  static TrigramQuery ofString(Literal s) {
    List<TrigramQuery> parts = new ArrayList<>();
    for (int i = 0; i + 2 < s.length(); i++) {
      char[] as = s.charsAt(i);
      char[] bs = s.charsAt(i + 1);
      char[] cs = s.charsAt(i + 2);
      int variants = as.length * bs.length * cs.length;
      if (variants == 0
          || variants > MAX_VARIANTS
          || as[0] == '\n'
          || bs[0] == '\n'
          || cs[0] == '\n') {
        continue; // a newline is never in a trigram; unknown or too many variants require nothing
      }
      List<TrigramQuery> any = new ArrayList<>(variants);
      for (char a : as) {
        for (char b : bs) {
          for (char c : cs) {
            any.add(new Tri(Trigrams.term(a, b, c)));
          }
        }
      }
      parts.add(any.size() == 1 ? any.getFirst() : new Or(List.copyOf(any)));
    }
    return andOf(parts);
  }

  /** Any of {@code strings}: an {@link Or} of their trigram conjunctions. */
  static TrigramQuery ofStrings(Set<Literal> strings) {
    TrigramQuery q = null;
    for (Literal s : strings) {
      TrigramQuery one = ofString(s);
      q = q == null ? one : or(q, one);
      if (q instanceof All) {
        return ALL;
      }
    }
    return q == null ? ALL : q;
  }

  /** A smaller query that admits at least the same files. */
  default TrigramQuery bounded() {
    int[] budget = {MAX_LEAVES};
    return bound(this, budget);
  }

  private static TrigramQuery bound(TrigramQuery q, int[] budget) {
    return switch (q) {
      case All a -> a;
      case Tri t -> {
        if (budget[0] <= 0) {
          yield ALL;
        }
        budget[0]--;
        yield t;
      }
      case And and -> {
        List<TrigramQuery> kept = new ArrayList<>();
        for (TrigramQuery p : and.parts()) {
          if (kept.size() == MAX_AND) {
            break;
          }
          TrigramQuery b = bound(p, budget);
          if (!(b instanceof All)) {
            kept.add(b);
          }
        }
        yield andOf(kept);
      }
      case Or or -> {
        List<TrigramQuery> kept = new ArrayList<>();
        for (TrigramQuery p : or.parts()) {
          TrigramQuery b = bound(p, budget);
          if (b instanceof All) {
            yield ALL;
          }
          kept.add(b);
        }
        yield new Or(List.copyOf(kept));
      }
    };
  }

  /**
   * Trigrams of which every line satisfying this query contains at least one, chosen to be rare by
   * {@code docFreq}; empty when there are none (the query is {@link All} somewhere it counts).
   */
  default Optional<Set<String>> anchors(ToLongFunction<String> docFreq) {
    return switch (this) {
      case All a -> Optional.empty();
      case Tri t -> Optional.of(Set.of(t.text()));
      case And and -> {
        Set<String> best = null;
        long bestCost = Long.MAX_VALUE;
        for (TrigramQuery p : and.parts()) {
          Optional<Set<String>> a = p.anchors(docFreq);
          if (a.isPresent()) {
            long cost = 0;
            for (String t : a.get()) {
              cost += docFreq.applyAsLong(t);
            }
            if (cost < bestCost) {
              bestCost = cost;
              best = a.get();
            }
          }
        }
        yield Optional.ofNullable(best);
      }
      case Or or -> {
        Set<String> union = new LinkedHashSet<>();
        for (TrigramQuery p : or.parts()) {
          Optional<Set<String>> a = p.anchors(docFreq);
          if (a.isEmpty()) {
            yield Optional.empty();
          }
          union.addAll(a.get());
        }
        yield Optional.of(union);
      }
    };
  }

  /** This query over the trigram field {@code field}. */
  default Query toLucene(String field) {
    return switch (this) {
      case All a -> new MatchAllDocsQuery();
      case Tri t -> new TermQuery(new Term(field, t.text()));
      case And and -> {
        BooleanQuery.Builder b = new BooleanQuery.Builder();
        for (TrigramQuery p : and.parts()) {
          b.add(p.toLucene(field), BooleanClause.Occur.FILTER);
        }
        yield b.build();
      }
      case Or or -> {
        BooleanQuery.Builder b = new BooleanQuery.Builder();
        for (TrigramQuery p : or.parts()) {
          b.add(p.toLucene(field), BooleanClause.Occur.SHOULD);
        }
        b.setMinimumNumberShouldMatch(1);
        yield b.build();
      }
    };
  }
}
