package dev.oncell.runtime.internal.cell;

import dev.oncell.runtime.CellException;
import dev.oncell.runtime.CellSearch;
import dev.oncell.search.FileSymbol;
import dev.oncell.search.GrepMatch;
import dev.oncell.search.IndexListener;
import dev.oncell.search.IndexReport;
import dev.oncell.search.IndexStatus;
import dev.oncell.search.SearchException;
import dev.oncell.search.SearchHit;
import dev.oncell.search.SearchMode;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The cell's code search as callers see it: each call wakes the cell and holds off a pause, paths
 * are checked like every other path into the cell, and the index's failures become {@link
 * CellException}s. The work itself runs on the host's {@link SearchPool} (never on the caller's
 * thread, which may be a request's virtual thread): searches and greps within a time budget, index
 * runs on their own pool.
 */
public record GuardedSearch(LiveCell cell) implements CellSearch {

  @Override
  public IndexReport index(String path, Optional<String> glob, IndexListener progress) {
    return cell.use(
        h -> {
          String relative = relativeToWork(h.files(), path);
          IndexReport report =
              cell.searchPool()
                  .indexRun(
                      budget ->
                          h.index()
                              .listening(
                                  progress, () -> call(h, index -> index.index(relative, glob))));
          cell.log(
              "index path=/"
                  + relative
                  + " files="
                  + report.files()
                  + " removed="
                  + report.removed()
                  + " chunks="
                  + report.chunks());
          return report;
        });
  }

  @Override
  public IndexStatus status() {
    return cell.use(h -> call(h, dev.oncell.search.CodeIndex::status));
  }

  @Override
  public List<SearchHit> search(String query, int topK, Optional<String> glob) {
    return cell.use(
        h ->
            cell.searchPool()
                .search(
                    budget ->
                        call(
                            h,
                            index -> index.search(query, topK, glob, SearchMode.HYBRID, budget))));
  }

  @Override
  public List<FileSymbol> symbols(String path) {
    return cell.use(
        h -> {
          String relative = relativeToWork(h.files(), path);
          if (relative.isEmpty()) {
            throw CellException.invalid("invalid_path", "symbols are of a file: give its path");
          }
          return cell.searchPool().search(budget -> call(h, index -> index.symbols(relative)));
        });
  }

  @Override
  public List<GrepMatch> grep(String regex, Optional<String> glob, int limit) {
    if (limit < 1 || limit > MAX_GREP_LINES) {
      throw CellException.invalid(
          "invalid_limit", "limit must be between 1 and " + MAX_GREP_LINES + ", not " + limit);
    }
    return cell.use(
        h ->
            cell.searchPool()
                .search(budget -> call(h, index -> index.grep(regex, glob, limit, budget))));
  }

  /**
   * {@code /work/src}, {@code src} and {@code ./src} name the same folder; {@code ""}, {@code
   * /work} and {@code .} the whole work folder. Anything leading out of it is refused.
   */
  static String relativeToWork(WorkFolder files, String path) {
    String p = path.strip();
    if (p.equals("/work")) {
      p = "";
    } else if (p.startsWith("/work/")) {
      p = p.substring("/work/".length());
    }
    return files.canonical(p);
  }

  private static <T> T call(CellHandles h, Function<dev.oncell.search.CodeIndex, T> op) {
    try {
      return op.apply(h.index().get());
    } catch (SearchException e) {
      throw CellException.from(e);
    }
  }
}
