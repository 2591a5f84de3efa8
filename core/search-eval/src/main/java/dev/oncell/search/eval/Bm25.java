package dev.oncell.search.eval;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Okapi BM25 (k1 = 1.2, b = 0.75) over code-aware tokens: words split at non-alphanumerics and at
 * camelCase and snake_case boundaries, lower-cased, with the whole identifier kept too.
 */
final class Bm25 {

  private static final double K1 = 1.2;
  private static final double B = 0.75;
  private static final Set<String> STOP_WORDS =
      Set.of(
          "a", "an", "and", "are", "as", "at", "be", "by", "for", "from", "if", "in", "into", "is",
          "it", "of", "on", "or", "that", "the", "this", "to", "was", "when", "with", "we", "our");

  private final Map<String, int[]> postings = new HashMap<>();
  private final Map<String, int[]> frequencies = new HashMap<>();
  private final int[] lengths;
  private final double averageLength;

  Bm25(List<String> documents) {
    lengths = new int[documents.size()];
    Map<String, List<int[]>> building = new HashMap<>();
    long total = 0;
    for (int doc = 0; doc < documents.size(); doc++) {
      List<String> tokens = tokens(documents.get(doc));
      lengths[doc] = tokens.size();
      total += tokens.size();
      Map<String, Integer> counts = new HashMap<>();
      tokens.forEach(t -> counts.merge(t, 1, Integer::sum));
      for (Map.Entry<String, Integer> count : counts.entrySet()) {
        building
            .computeIfAbsent(count.getKey(), k -> new ArrayList<>())
            .add(new int[] {doc, count.getValue()});
      }
    }
    averageLength = documents.isEmpty() ? 1 : Math.max(1, (double) total / documents.size());
    building.forEach(
        (term, list) -> {
          postings.put(term, list.stream().mapToInt(p -> p[0]).toArray());
          frequencies.put(term, list.stream().mapToInt(p -> p[1]).toArray());
        });
  }

  /** Indexes of the {@code depth} best documents, best first; only documents with a query term. */
  List<Integer> top(String query, int depth) {
    double[] scores = new double[lengths.length];
    int n = lengths.length;
    for (String term : new LinkedHashSet<>(tokens(query))) {
      int[] docs = postings.get(term);
      if (docs == null) {
        continue;
      }
      int[] tf = frequencies.get(term);
      double idf = Math.log(1 + (n - docs.length + 0.5) / (docs.length + 0.5));
      for (int i = 0; i < docs.length; i++) {
        double norm = K1 * (1 - B + B * lengths[docs[i]] / averageLength);
        scores[docs[i]] += idf * tf[i] * (K1 + 1) / (tf[i] + norm);
      }
    }
    return topIndexes(scores, depth);
  }

  /** Indexes of the highest positive scores, best first, ties by index. */
  static List<Integer> topIndexes(double[] scores, int depth) {
    Integer[] order = new Integer[scores.length];
    int count = 0;
    for (int i = 0; i < scores.length; i++) {
      if (scores[i] > 0) {
        order[count++] = i;
      }
    }
    Integer[] positive = Arrays.copyOf(order, count);
    Arrays.sort(
        positive, (a, b) -> scores[a] != scores[b] ? Double.compare(scores[b], scores[a]) : a - b);
    return List.of(Arrays.copyOf(positive, Math.min(depth, positive.length)));
  }

  /** Code-aware tokens of a text. */
  static List<String> tokens(String text) {
    List<String> tokens = new ArrayList<>();
    for (String word : text.split("[^A-Za-z0-9_]+")) {
      if (word.isEmpty()) {
        continue;
      }
      String whole = word.toLowerCase(Locale.ROOT);
      String[] parts =
          word.split("_|(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])|(?<=[A-Za-z])(?=[0-9])");
      if (parts.length > 1 && whole.length() > 1 && !STOP_WORDS.contains(whole)) {
        tokens.add(whole);
      }
      for (String part : parts) {
        String token = part.toLowerCase(Locale.ROOT);
        if (token.length() > 1 && !STOP_WORDS.contains(token)) {
          tokens.add(token);
        }
      }
    }
    return tokens;
  }
}
