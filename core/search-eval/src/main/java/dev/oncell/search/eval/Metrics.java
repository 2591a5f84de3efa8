package dev.oncell.search.eval;

import dev.oncell.search.SearchHit;
import java.util.List;

/**
 * Recall at 1, 5 and 10 and mean reciprocal rank (over the top 10) of a set of queries, at file
 * level (a hit's path is the expected file) or chunk level (a hit's line range contains the
 * expected function's, or lies inside it when the chunker had to split the function).
 */
final class Metrics {

  /** Where a query's answer was found; 0 when not in the hits. */
  record Ranks(int file, int chunk) {}

  /** Aggregates over queries; recall and MRR are fractions in 0..1. */
  record Scores(int queries, double recall1, double recall5, double recall10, double mrr) {

    static Scores of(List<Integer> ranks) {
      int n = ranks.size();
      if (n == 0) {
        return new Scores(0, 0, 0, 0, 0);
      }
      double r1 = 0;
      double r5 = 0;
      double r10 = 0;
      double rr = 0;
      for (int rank : ranks) {
        if (rank >= 1 && rank <= 10) {
          rr += 1.0 / rank;
          r10++;
          if (rank <= 5) {
            r5++;
          }
          if (rank == 1) {
            r1++;
          }
        }
      }
      return new Scores(n, r1 / n, r5 / n, r10 / n, rr / n);
    }
  }

  private Metrics() {}

  /** The 1-based ranks of the first hit of the right file and of the right chunk. */
  static Ranks rank(Query query, List<SearchHit> hits) {
    int file = 0;
    int chunk = 0;
    for (int i = 0; i < hits.size() && (file == 0 || chunk == 0); i++) {
      SearchHit hit = hits.get(i);
      if (!hit.path().equals(query.path())) {
        continue;
      }
      if (file == 0) {
        file = i + 1;
      }
      if (chunk == 0 && matchesFunction(hit, query)) {
        chunk = i + 1;
      }
    }
    return new Ranks(file, chunk);
  }

  static boolean matchesFunction(SearchHit hit, Query query) {
    boolean contains = hit.startLine() <= query.startLine() && hit.endLine() >= query.endLine();
    boolean inside = hit.startLine() >= query.startLine() && hit.endLine() <= query.endLine();
    return contains || inside;
  }
}
