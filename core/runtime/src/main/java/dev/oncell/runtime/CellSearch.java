package dev.oncell.runtime;

import dev.oncell.search.FileSymbol;
import dev.oncell.search.GrepMatch;
import dev.oncell.search.IndexListener;
import dev.oncell.search.IndexReport;
import dev.oncell.search.IndexStatus;
import dev.oncell.search.SearchHit;
import java.util.List;
import java.util.Optional;

/**
 * The code search of one cell, over its {@code work/} folder, with the index under {@code index/}.
 * Each call wakes the cell. Paths are relative to {@code work/}; {@code /work} and {@code
 * /work/...} (the sandbox's view) are accepted too.
 *
 * <p>Bad requests throw {@link CellException} INVALID with the codes {@code invalid_path}, {@code
 * invalid_glob}, {@code invalid_query} or {@code invalid_regex}.
 */
public interface CellSearch {

  /** Most hits a search returns. */
  int MAX_TOP_K = 100;

  /** Most lines a grep returns. */
  int MAX_GREP_LINES = 10_000;

  /** Indexes the files under {@code path} that match {@code glob}, incrementally. */
  default IndexReport index(String path, Optional<String> glob) {
    return index(path, glob, IndexListener.NONE);
  }

  /**
   * As {@link #index(String, Optional)}, with {@code progress} hearing files and chunks as they are
   * written until the call returns. Embeddings go on in the background afterwards: {@link
   * #status()} tells how far they are.
   */
  IndexReport index(String path, Optional<String> glob, IndexListener progress);

  IndexStatus status();

  /** The best chunks for {@code query}, {@code topK} between 1 and {@link #MAX_TOP_K}. */
  List<SearchHit> search(String query, int topK, Optional<String> glob);

  /**
   * The symbols the index keeps of one file (tree-sitter definitions: name, kind, lines), in line
   * order, as of the last index run; a file that is not indexed gives an empty list.
   *
   * @throws CellException INVALID {@code invalid_path} for a folder-like path ({@code ""}, {@code
   *     /work}) or one leading out of the cell
   */
  List<FileSymbol> symbols(String path);

  /** Lines matching {@code regex} in the indexed files, at most {@code limit}. */
  List<GrepMatch> grep(String regex, Optional<String> glob, int limit);
}
