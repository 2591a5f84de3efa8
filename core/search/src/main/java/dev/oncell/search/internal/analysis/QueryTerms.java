package dev.oncell.search.internal.analysis;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.Term;

/**
 * Cuts a query of any length (a symbol name or a whole bug report) down to at most {@link
 * #MAX_TERMS} distinct analyzed terms, the most informative first: stop words dropped, duplicates
 * merged (their count raises the weight a little), terms that are in most chunks dropped from long
 * queries, then the rarest kept by inverse document frequency. The query built from them never
 * comes near Lucene's clause limit.
 */
public final class QueryTerms {

  /** At most this many terms reach the query. */
  public static final int MAX_TERMS = 48;

  /** A query with more terms than this is long: very common terms are dropped from it. */
  static final int LONG_QUERY = 6;

  /** In a long query, a term in more than this share of chunks tells nothing. */
  static final double COMMON = 0.25;

  /**
   * One term of a query.
   *
   * @param idf how rare the term is, for choosing terms (BM25 weighs by it again)
   * @param boost a damped count of the term in the query
   */
  public record Weighted(String text, double idf, float boost) {}

  private QueryTerms() {}

  /** The analyzed terms of {@code query} in order of first appearance, with their counts. */
  public static Map<String, Integer> analyze(Analyzer analyzer, String query) {
    Map<String, Integer> counts = new LinkedHashMap<>();
    try (TokenStream stream = analyzer.tokenStream("content", query)) {
      CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
      stream.reset();
      while (stream.incrementToken()) {
        if (term.length() > 0) {
          counts.merge(term.toString(), 1, Integer::sum);
        }
      }
      stream.end();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return counts;
  }

  /**
   * The informative terms of {@code query} for {@code fields} of {@code reader}, best first.
   *
   * @param docCount the number of chunks, the base of the document frequencies
   */
  public static List<Weighted> select(
      Analyzer analyzer, String query, IndexReader reader, List<String> fields, int docCount) {
    Map<String, Integer> counts = analyze(analyzer, query);
    boolean longQuery = counts.size() > LONG_QUERY;
    List<Weighted> out = new ArrayList<>();
    int n = Math.max(docCount, 1);
    try {
      for (Map.Entry<String, Integer> e : counts.entrySet()) {
        int df = 0;
        for (String field : fields) {
          df = Math.max(df, reader.docFreq(new Term(field, e.getKey())));
        }
        if (df == 0) {
          continue;
        }
        if (longQuery && df > COMMON * n) {
          continue;
        }
        double idf = Math.log(1 + (n - df + 0.5) / (df + 0.5));
        double qtf = 1 + Math.log(e.getValue());
        out.add(new Weighted(e.getKey(), idf, (float) qtf));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    out.sort(Comparator.comparingDouble((Weighted w) -> -w.idf()));
    return out.size() > MAX_TERMS ? List.copyOf(out.subList(0, MAX_TERMS)) : out;
  }
}
