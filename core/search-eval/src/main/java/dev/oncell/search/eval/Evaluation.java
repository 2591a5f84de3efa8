package dev.oncell.search.eval;

import dev.oncell.search.CodeIndex;
import dev.oncell.search.SearchException;
import dev.oncell.search.SearchHit;
import dev.oncell.search.SearchMode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Runs queries against an index and scores the answers. */
final class Evaluation {

  static final int TOP_K = 10;

  /**
   * The scores of one configuration on one kind of query.
   *
   * @param configuration such as {@code hybrid, all-minilm-l6-v2}
   * @param corpus {@code small} or {@code full}
   * @param errors queries the index refused (counted as not found)
   * @param medianMillis median search latency
   * @param ranks per query id, where its file and chunk were found (0: not in the top 10)
   */
  record Result(
      String configuration,
      String corpus,
      SearchMode mode,
      Optional<String> model,
      Query.Kind kind,
      Metrics.Scores file,
      Metrics.Scores chunk,
      int errors,
      double medianMillis,
      Map<String, Metrics.Ranks> ranks) {}

  private Evaluation() {}

  /** Searches every query of {@code kind} in {@code mode} and scores the hits. */
  static Result run(
      CodeIndex index,
      String configuration,
      String corpus,
      SearchMode mode,
      Optional<String> model,
      Query.Kind kind,
      List<Query> queries) {
    List<Integer> fileRanks = new ArrayList<>();
    List<Integer> chunkRanks = new ArrayList<>();
    List<Double> millis = new ArrayList<>();
    Map<String, Metrics.Ranks> perQuery = new LinkedHashMap<>();
    int errors = 0;
    for (Query query : queries) {
      if (query.kind() != kind) {
        continue;
      }
      List<SearchHit> hits;
      long start = System.nanoTime();
      try {
        hits = index.search(query.text(), TOP_K, Optional.empty(), mode);
      } catch (SearchException e) {
        errors++;
        hits = List.of();
      }
      millis.add((System.nanoTime() - start) / 1e6);
      Metrics.Ranks ranks = Metrics.rank(query, hits);
      perQuery.put(query.id(), ranks);
      fileRanks.add(ranks.file());
      chunkRanks.add(ranks.chunk());
    }
    return new Result(
        configuration,
        corpus,
        mode,
        model,
        kind,
        Metrics.Scores.of(fileRanks),
        Metrics.Scores.of(chunkRanks),
        errors,
        median(millis),
        perQuery);
  }

  static double median(List<Double> values) {
    if (values.isEmpty()) {
      return 0;
    }
    double[] sorted = values.stream().mapToDouble(Double::doubleValue).toArray();
    Arrays.sort(sorted);
    return sorted[sorted.length / 2];
  }
}
