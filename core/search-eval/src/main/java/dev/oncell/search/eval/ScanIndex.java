package dev.oncell.search.eval;

import dev.oncell.search.Chunk;
import dev.oncell.search.CodeIndex;
import dev.oncell.search.Embedder;
import dev.oncell.search.GrepMatch;
import dev.oncell.search.IndexOptions;
import dev.oncell.search.IndexReport;
import dev.oncell.search.IndexStatus;
import dev.oncell.search.SearchException;
import dev.oncell.search.SearchHit;
import dev.oncell.search.SearchMode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import java.util.stream.Stream;

/**
 * A brute-force, in-memory {@link CodeIndex} for the evaluation: BM25 over code-aware tokens, exact
 * cosine nearest neighbours, and reciprocal rank fusion of both. It is the yardstick the Lucene
 * index is compared with, and lets the embedding models be compared before (and independently of)
 * it. Indexing is synchronous and always complete; not for production use.
 */
final class ScanIndex implements CodeIndex {

  static final int MAX_HITS_PER_FILE = 3;
  private static final int FUSION_DEPTH = 100;
  private static final int RRF_K = 60;
  private static final int EMBED_BATCH = 64;

  private final Path root;
  private final IndexOptions options;
  private final Map<String, String> files = new TreeMap<>();
  private final List<Chunk> chunks = new ArrayList<>();
  private final List<float[]> vectors = new ArrayList<>();
  private Bm25 bm25 = new Bm25(List.of());

  ScanIndex(Path root, IndexOptions options) {
    this.root = root;
    this.options = options;
  }

  @Override
  public synchronized IndexReport index(String path, Optional<String> glob) {
    PathMatcher matcher = matcher(glob);
    files.clear();
    chunks.clear();
    vectors.clear();
    int skipped = 0;
    try (Stream<Path> walk = Files.walk(root.resolve(path))) {
      for (Path file : walk.filter(Files::isRegularFile).sorted().toList()) {
        String relative = root.relativize(file).toString().replace('\\', '/');
        if (!matcher.matches(Path.of(relative)) || Files.size(file) > options.maxFileBytes()) {
          skipped++;
          continue;
        }
        String content = Files.readString(file, StandardCharsets.UTF_8);
        files.put(relative, content);
        chunks.addAll(options.chunker().chunk(relative, content));
      }
    } catch (IOException e) {
      throw new SearchException("cannot read " + root, false, e);
    }
    bm25 = new Bm25(chunks.stream().map(c -> c.path() + "\n" + c.content()).toList());
    options.listener().progress(status());
    Optional<Embedder> embedder = options.embedder();
    if (embedder.isPresent()) {
      for (int from = 0; from < chunks.size(); from += EMBED_BATCH) {
        List<String> texts =
            chunks.subList(from, Math.min(chunks.size(), from + EMBED_BATCH)).stream()
                .map(ScanIndex::embeddingText)
                .toList();
        vectors.addAll(embedder.get().embed(texts));
        options.listener().progress(status());
      }
    }
    return new IndexReport(files.size(), 0, 0, skipped, chunks.size());
  }

  /** What is embedded of a chunk: its path and symbol as a header line, then its content. */
  static String embeddingText(Chunk chunk) {
    return chunk.path() + chunk.symbol().map(s -> " " + s).orElse("") + "\n" + chunk.content();
  }

  @Override
  public synchronized List<SearchHit> search(
      String query, int topK, Optional<String> glob, SearchMode mode) {
    if (query.isBlank()) {
      throw SearchException.invalid("invalid_query", "empty query");
    }
    if (topK < 1 || topK > 100) {
      throw SearchException.invalid("invalid_top_k", "topK must be in 1..100: " + topK);
    }
    boolean vector = options.embedder().isPresent();
    if (mode == SearchMode.VECTOR && !vector) {
      throw SearchException.invalid("invalid_mode", "a keyword-only index has no vectors");
    }
    List<Integer> ranked =
        switch (mode) {
          case KEYWORD -> bm25.top(query, FUSION_DEPTH);
          case VECTOR -> nearest(query, FUSION_DEPTH);
          case HYBRID ->
              vector
                  ? fuse(bm25.top(query, FUSION_DEPTH), nearest(query, FUSION_DEPTH))
                  : bm25.top(query, FUSION_DEPTH);
        };
    PathMatcher matcher = matcher(glob);
    Map<String, Integer> perFile = new HashMap<>();
    List<SearchHit> hits = new ArrayList<>();
    for (int i = 0; i < ranked.size() && hits.size() < topK; i++) {
      Chunk chunk = chunks.get(ranked.get(i));
      if (!matcher.matches(Path.of(chunk.path()))
          || perFile.merge(chunk.path(), 1, Integer::sum) > MAX_HITS_PER_FILE) {
        continue;
      }
      double score = 1.0 / (1 + i);
      hits.add(
          new SearchHit(
              chunk.path(),
              chunk.content(),
              score,
              chunk.startLine(),
              chunk.endLine(),
              chunk.symbol(),
              chunk.language()));
    }
    return hits;
  }

  private List<Integer> nearest(String query, int depth) {
    float[] q = options.embedder().orElseThrow().embed(List.of(query)).getFirst();
    double[] scores = new double[vectors.size()];
    for (int i = 0; i < vectors.size(); i++) {
      float[] v = vectors.get(i);
      double dot = 0;
      for (int d = 0; d < q.length; d++) {
        dot += q[d] * v[d];
      }
      scores[i] = dot;
    }
    return Bm25.topIndexes(scores, depth);
  }

  /** Reciprocal rank fusion: each side adds 1 / (60 + rank). */
  static List<Integer> fuse(List<Integer> keyword, List<Integer> vector) {
    Map<Integer, Double> fused = new HashMap<>();
    for (int r = 0; r < keyword.size(); r++) {
      fused.merge(keyword.get(r), 1.0 / (RRF_K + r + 1), Double::sum);
    }
    for (int r = 0; r < vector.size(); r++) {
      fused.merge(vector.get(r), 1.0 / (RRF_K + r + 1), Double::sum);
    }
    return fused.entrySet().stream()
        .sorted(
            Map.Entry.<Integer, Double>comparingByValue(Comparator.reverseOrder())
                .thenComparing(Map.Entry.comparingByKey()))
        .map(Map.Entry::getKey)
        .toList();
  }

  /** Each chunk's symbol as it is: the evaluation does not use symbols. */
  @Override
  public synchronized List<dev.oncell.search.FileSymbol> symbols(String path) {
    return chunks.stream()
        .filter(c -> c.path().equals(path) && c.symbol().isPresent())
        .map(
            c ->
                new dev.oncell.search.FileSymbol(
                    c.symbol().get(), c.kind(), c.startLine(), c.endLine()))
        .toList();
  }

  @Override
  public synchronized List<GrepMatch> grep(String regex, Optional<String> glob, int limit) {
    Pattern pattern;
    try {
      pattern = Pattern.compile(regex);
    } catch (PatternSyntaxException e) {
      throw SearchException.invalid("invalid_regex", e.getMessage());
    }
    PathMatcher matcher = matcher(glob);
    List<GrepMatch> matches = new ArrayList<>();
    for (Map.Entry<String, String> file : files.entrySet()) {
      if (!matcher.matches(Path.of(file.getKey()))) {
        continue;
      }
      String[] lines = file.getValue().split("\n", -1);
      for (int i = 0; i < lines.length && matches.size() < limit; i++) {
        if (pattern.matcher(lines[i]).find()) {
          matches.add(new GrepMatch(file.getKey(), i + 1, lines[i]));
        }
      }
    }
    return matches;
  }

  @Override
  public synchronized IndexStatus status() {
    return new IndexStatus(
        files.size(), chunks.size(), vectors.size(), false, options.embedder().map(Embedder::name));
  }

  @Override
  public boolean awaitIdle(Duration timeout) {
    return true;
  }

  @Override
  public void close() {}

  private static PathMatcher matcher(Optional<String> glob) {
    if (glob.isEmpty()) {
      return p -> true;
    }
    try {
      return FileSystems.getDefault().getPathMatcher("glob:" + glob.get());
    } catch (IllegalArgumentException e) {
      throw SearchException.invalid("invalid_glob", e.getMessage());
    }
  }
}
