package dev.oncell.search;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The code index of one folder tree (a cell's {@code work/}), stored in its own Lucene directory.
 * Thread-safe; one instance per index directory.
 */
public interface CodeIndex extends AutoCloseable {

  /**
   * Opens the index stored in {@code indexDir} (created if missing) of the files under {@code
   * root}. If a previous run or its embeddings were cut short, they resume in the background.
   *
   * @throws SearchException (invalid) when {@code root} is not a directory; (not invalid) when the
   *     index cannot be opened
   */
  static CodeIndex open(Path indexDir, Path root, IndexOptions options) {
    return dev.oncell.search.internal.index.LuceneCodeIndex.open(indexDir, root, options);
  }

  /** Opens with the default options and {@code embedder} for the vector side, if given. */
  static CodeIndex open(Path indexDir, Path root, Optional<Embedder> embedder) {
    return open(indexDir, root, IndexOptions.defaults().withEmbedder(embedder));
  }

  /** Opens a keyword-only index with the default options. */
  static CodeIndex open(Path indexDir, Path root) {
    return open(indexDir, root, IndexOptions.defaults());
  }

  /**
   * Whether an index run or the embeddings of the index in {@code indexDir} were cut short (a
   * pause, a close or a crash): the next {@link #open} resumes them. Cheap: looks for a marker
   * file, opens nothing.
   */
  static boolean hasPendingWork(Path indexDir) {
    return dev.oncell.search.internal.index.LuceneCodeIndex.hasPendingWork(indexDir);
  }

  /**
   * Indexes the files under {@code path} (relative to the root; empty for all) that match {@code
   * glob} (such as {@code **}{@code /*.{ts,py}}), incrementally: unchanged files (by content hash)
   * are skipped, deleted ones removed. Binary files, files over 1 MB and what {@code .gitignore}
   * ignores are skipped.
   *
   * @throws SearchException (invalid) for a path outside the root or an invalid glob
   */
  IndexReport index(String path, Optional<String> glob);

  /**
   * The best chunks for a query, at most a few per file.
   *
   * @throws SearchException (invalid) for an empty or huge query, topK outside 1..100, an invalid
   *     glob
   */
  default List<SearchHit> search(String query, int topK, Optional<String> glob) {
    return search(query, topK, glob, SearchMode.HYBRID);
  }

  /**
   * As {@link #search(String, int, Optional)}, answered by one side of the index only.
   *
   * @throws SearchException (invalid) also for {@link SearchMode#VECTOR} on a keyword-only index
   */
  List<SearchHit> search(String query, int topK, Optional<String> glob, SearchMode mode);

  /**
   * As {@link #search(String, int, Optional, SearchMode)}, stopping when {@code budget} runs out or
   * is cancelled. An implementation that cannot stop midway checks it before it starts.
   *
   * @throws SearchException {@code search_timeout} or {@code cancelled} (not invalid) when stopped
   */
  default List<SearchHit> search(
      String query, int topK, Optional<String> glob, SearchMode mode, Budget budget) {
    budget.check();
    return search(query, topK, glob, mode);
  }

  /**
   * Lines matching a regular expression (Java syntax, close to {@code grep -E}), in path then line
   * order, at most {@code limit}.
   *
   * @throws SearchException (invalid) for an invalid regex or glob
   */
  List<GrepMatch> grep(String regex, Optional<String> glob, int limit);

  /**
   * As {@link #grep(String, Optional, int)}, stopping when {@code budget} runs out or is cancelled
   * (checked while the automaton is built, between files and inside every regex match).
   *
   * @throws SearchException {@code pattern_too_complex} (invalid) for a regex over a cost limit;
   *     {@code search_timeout} or {@code cancelled} (not invalid) when stopped
   */
  default List<GrepMatch> grep(String regex, Optional<String> glob, int limit, Budget budget) {
    budget.check();
    return grep(regex, glob, limit);
  }

  /**
   * The symbols of one indexed file, in line order: each chunk's tree-sitter symbol with its kind
   * and lines (chunks without one, such as imports or text, are left out). Read from the index, not
   * the file: as of the last index run. A file that is not indexed gives an empty list.
   *
   * @param path relative to the root, {@code /}-separated, as search hits name it
   * @throws SearchException (invalid) {@code invalid_path} for a path over 4,096 characters
   */
  List<FileSymbol> symbols(String path);

  /** Files, chunks and embedded chunks in the index. */
  IndexStatus status();

  /**
   * Waits until no index run is going on and every chunk has its vector (or the index is
   * keyword-only).
   *
   * @return false if the timeout passed first
   */
  boolean awaitIdle(Duration timeout);

  @Override
  void close();
}
