package dev.oncell.search;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The code index of one folder tree (a cell's {@code work/}), stored in its own Lucene directory.
 * Thread-safe; one instance per index directory.
 */
public interface CodeIndex extends AutoCloseable {

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
   * Lines matching a regular expression (Java syntax, close to {@code grep -E}), in path then line
   * order, at most {@code limit}.
   *
   * @throws SearchException (invalid) for an invalid regex or glob
   */
  List<GrepMatch> grep(String regex, Optional<String> glob, int limit);

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
