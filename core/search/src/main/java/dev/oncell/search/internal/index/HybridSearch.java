package dev.oncell.search.internal.index;

import dev.oncell.search.Budget;
import dev.oncell.search.SearchException;
import dev.oncell.search.SearchHit;
import dev.oncell.search.SearchMode;
import dev.oncell.search.internal.analysis.CodeAnalyzer;
import dev.oncell.search.internal.analysis.QueryTerms;
import dev.oncell.search.internal.files.Glob;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.index.ReaderUtil;
import org.apache.lucene.index.SortedDocValues;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.queries.function.FunctionScoreQuery;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.DoubleValuesSource;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.KnnFloatVectorQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermInSetQuery;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.util.BytesRef;

/**
 * Answers searches: BM25 over content, symbols (boosted) and paths (boosted) with the path prior
 * multiplied in; KNN over the vectors of the current model, times the prior; the two fused by
 * reciprocal rank fusion; at most {@link #MAX_PER_FILE} chunks per file; scores divided by the
 * best.
 */
final class HybridSearch {

  static final int RRF_K = 60;
  static final int MAX_PER_FILE = 3;
  static final float SYMBOL_BOOST = 2.0f;
  static final float PATH_BOOST = 1.5f;
  static final int MAX_QUERY_CHARS_EMBEDDED = 2000;

  private final IndexCore core;
  private final Analyzer analyzer = CodeAnalyzer.forQuery();

  HybridSearch(IndexCore core) {
    this.core = core;
  }

  private record Ranked(int doc, double score) {}

  List<SearchHit> search(
      String query, int topK, Optional<Glob> glob, SearchMode mode, Budget budget) {
    budget.check();
    boolean vectors = mode != SearchMode.KEYWORD && core.embedder().isPresent();
    Optional<float[]> target = Optional.empty();
    if (vectors) {
      String text =
          query.length() > MAX_QUERY_CHARS_EMBEDDED
              ? query.substring(0, MAX_QUERY_CHARS_EMBEDDED)
              : query;
      try {
        target = Optional.of(core.embedder().orElseThrow().embed(List.of(text)).getFirst());
      } catch (RuntimeException e) {
        throw new SearchException("embedding the query failed: " + e.getMessage(), false, e);
      }
    }
    Optional<float[]> queryVector = target;
    budget.check();
    Optional<Query> filter = glob.map(g -> pathFilter(g, budget));
    return core.withSearcher(
        searcher -> {
          budget.check();
          int chunks = searcher.count(new TermQuery(new Term(Docs.TYPE, Docs.CHUNK)));
          if (chunks == 0) {
            return List.of();
          }
          int pool = Math.min(1000, Math.max(50, topK * 10));
          List<Ranked> keyword =
              mode == SearchMode.VECTOR
                  ? List.of()
                  : keyword(searcher, query, filter, pool, chunks);
          budget.check();
          List<Ranked> knn =
              queryVector.isEmpty() ? List.of() : knn(searcher, queryVector.get(), filter, pool);
          List<Ranked> fused =
              switch (mode) {
                case KEYWORD -> keyword;
                case VECTOR -> knn;
                case HYBRID -> knn.isEmpty() ? keyword : fuse(keyword, knn);
              };
          budget.check();
          return hits(searcher, fused, topK);
        });
  }

  private Query pathFilter(Glob glob, Budget budget) {
    List<BytesRef> paths = new ArrayList<>();
    for (String p : core.states().paths()) {
      budget.check(); // a glob may backtrack on a long path
      if (glob.matches(p)) {
        paths.add(new BytesRef(p));
      }
    }
    return new TermInSetQuery(Docs.PATH, paths);
  }

  private List<Ranked> keyword(
      IndexSearcher searcher, String query, Optional<Query> filter, int pool, int chunks)
      throws IOException {
    List<QueryTerms.Weighted> terms =
        QueryTerms.select(
            analyzer,
            query,
            searcher.getIndexReader(),
            List.of(Docs.CONTENT, Docs.SYMBOL, Docs.PATH_TEXT),
            chunks);
    if (terms.isEmpty()) {
      return List.of();
    }
    BooleanQuery.Builder any = new BooleanQuery.Builder();
    for (QueryTerms.Weighted t : terms) {
      any.add(boosted(Docs.CONTENT, t.text(), t.boost()), BooleanClause.Occur.SHOULD);
      any.add(boosted(Docs.SYMBOL, t.text(), t.boost() * SYMBOL_BOOST), BooleanClause.Occur.SHOULD);
      any.add(
          boosted(Docs.PATH_TEXT, t.text(), t.boost() * PATH_BOOST), BooleanClause.Occur.SHOULD);
    }
    Query q =
        FunctionScoreQuery.boostByValue(any.build(), DoubleValuesSource.fromFloatField(Docs.PRIOR));
    if (filter.isPresent()) {
      q =
          new BooleanQuery.Builder()
              .add(q, BooleanClause.Occur.MUST)
              .add(filter.get(), BooleanClause.Occur.FILTER)
              .build();
    }
    List<Ranked> out = new ArrayList<>();
    for (ScoreDoc sd : searcher.search(q, pool).scoreDocs) {
      out.add(new Ranked(sd.doc, sd.score));
    }
    return out;
  }

  private static Query boosted(String field, String text, float boost) {
    Query q = new TermQuery(new Term(field, text));
    return boost == 1f ? q : new BoostQuery(q, boost);
  }

  private List<Ranked> knn(IndexSearcher searcher, float[] target, Optional<Query> filter, int pool)
      throws IOException {
    BooleanQuery.Builder only =
        new BooleanQuery.Builder()
            .add(
                new TermQuery(new Term(Docs.MODEL, core.model().orElseThrow())),
                BooleanClause.Occur.FILTER);
    filter.ifPresent(f -> only.add(f, BooleanClause.Occur.FILTER));
    Query q = new KnnFloatVectorQuery(Docs.vectorField(target.length), target, pool, only.build());
    List<LeafReaderContext> leaves = searcher.getIndexReader().leaves();
    List<Ranked> out = new ArrayList<>();
    for (ScoreDoc sd : searcher.search(q, pool).scoreDocs) {
      out.add(new Ranked(sd.doc, sd.score * prior(leaves, sd.doc)));
    }
    out.sort(Comparator.comparingDouble((Ranked r) -> -r.score()));
    return out;
  }

  private static float prior(List<LeafReaderContext> leaves, int doc) throws IOException {
    LeafReaderContext leaf = leaves.get(ReaderUtil.subIndex(doc, leaves));
    NumericDocValues prior = DocValues.getNumeric(leaf.reader(), Docs.PRIOR);
    return prior.advanceExact(doc - leaf.docBase)
        ? Float.intBitsToFloat((int) prior.longValue())
        : 1f;
  }

  /** Reciprocal rank fusion: each list adds 1 / (k + rank). */
  static List<Ranked> fuse(List<Ranked> keyword, List<Ranked> knn) {
    Map<Integer, Double> scores = new HashMap<>();
    for (List<Ranked> list : List.of(keyword, knn)) {
      for (int rank = 0; rank < list.size(); rank++) {
        scores.merge(list.get(rank).doc(), 1.0 / (RRF_K + rank + 1), Double::sum);
      }
    }
    List<Ranked> out = new ArrayList<>(scores.size());
    scores.forEach((doc, score) -> out.add(new Ranked(doc, score)));
    out.sort(Comparator.comparingDouble((Ranked r) -> -r.score()).thenComparingInt(Ranked::doc));
    return out;
  }

  private static List<SearchHit> hits(IndexSearcher searcher, List<Ranked> ranked, int topK)
      throws IOException {
    List<LeafReaderContext> leaves = searcher.getIndexReader().leaves();
    Map<String, Integer> perFile = new LinkedHashMap<>();
    List<Ranked> kept = new ArrayList<>();
    for (Ranked r : ranked) {
      if (kept.size() == topK) {
        break;
      }
      String path = path(leaves, r.doc());
      if (perFile.merge(path, 1, Integer::sum) <= MAX_PER_FILE) {
        kept.add(r);
      }
    }
    if (kept.isEmpty()) {
      return List.of();
    }
    double best = kept.getFirst().score();
    StoredFields fields = searcher.storedFields();
    List<SearchHit> hits = new ArrayList<>(kept.size());
    for (Ranked r : kept) {
      Document d = fields.document(r.doc());
      double score = best > 0 ? r.score() / best : 1.0;
      hits.add(
          new SearchHit(
              d.get(Docs.PATH),
              d.get(Docs.CONTENT),
              Math.max(0, Math.min(1, score)),
              d.getField(Docs.START).numericValue().intValue(),
              d.getField(Docs.END).numericValue().intValue(),
              Optional.ofNullable(d.get(Docs.SYMBOL)),
              d.get(Docs.LANG)));
    }
    return hits;
  }

  private static String path(List<LeafReaderContext> leaves, int doc) throws IOException {
    LeafReaderContext leaf = leaves.get(ReaderUtil.subIndex(doc, leaves));
    SortedDocValues paths = DocValues.getSorted(leaf.reader(), Docs.PATH);
    return paths.advanceExact(doc - leaf.docBase)
        ? paths.lookupOrd(paths.ordValue()).utf8ToString()
        : "";
  }
}
