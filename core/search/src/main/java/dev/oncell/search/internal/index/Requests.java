package dev.oncell.search.internal.index;

import dev.oncell.search.SearchException;
import dev.oncell.search.SearchMode;
import java.util.Optional;

/** The checks of every request, made before anything is read or written. */
final class Requests {

  static final int MAX_QUERY_CHARS = 20_000;
  static final int MAX_TOP_K = 100;
  static final int MAX_GREP_LIMIT = 100_000;

  private Requests() {}

  static void query(String query) {
    if (query.isBlank()) {
      throw SearchException.invalid(
          "invalid_query", "the query is empty; give words, an identifier or a description");
    }
    if (query.length() > MAX_QUERY_CHARS) {
      throw SearchException.invalid(
          "invalid_query",
          "the query has "
              + query.length()
              + " characters; at most "
              + MAX_QUERY_CHARS
              + " are allowed");
    }
  }

  /** Longest path a request may name: longer than any a file system here allows. */
  static final int MAX_PATH_CHARS = 4096;

  static void path(String path) {
    if (path.length() > MAX_PATH_CHARS) {
      throw SearchException.invalid(
          "invalid_path",
          "the path has " + path.length() + " characters; at most " + MAX_PATH_CHARS);
    }
  }

  static void topK(int topK) {
    if (topK < 1 || topK > MAX_TOP_K) {
      throw SearchException.invalid(
          "invalid_top_k", "topK is " + topK + "; it must be between 1 and " + MAX_TOP_K);
    }
  }

  static void mode(SearchMode mode, boolean embedder) {
    if (mode == SearchMode.VECTOR && !embedder) {
      throw SearchException.invalid(
          "invalid_mode",
          "VECTOR search needs an index opened with an embedder; this one is keyword-only: use"
              + " KEYWORD or HYBRID");
    }
  }

  /** Most {@code **} in a glob: each lets the path matcher backtrack over the whole path. */
  static final int MAX_GLOB_DOUBLE_STARS = 2;

  /** Most {@code *} (not {@code **}) within one segment of a glob. */
  static final int MAX_GLOB_STARS_PER_SEGMENT = 3;

  /**
   * Refuses a glob whose wildcards would make matching one path backtrack for seconds (globs are
   * matched with {@link java.util.regex}, which tries every split of a name between the {@code *}s
   * of its segment): at most {@link #MAX_GLOB_DOUBLE_STARS} {@code **} and {@link
   * #MAX_GLOB_STARS_PER_SEGMENT} other {@code *} per segment. Checked before the glob compiles.
   */
  static void glob(Optional<String> glob) {
    if (glob.isEmpty() || glob.get().length() > 1000) {
      return; // the length is the glob compiler's to refuse
    }
    String g = glob.get();
    int doubleStars = 0;
    int stars = 0;
    for (int i = 0; i < g.length(); i++) {
      char c = g.charAt(i);
      if (c == '\\') {
        i++;
      } else if (c == '/') {
        stars = 0;
      } else if (c == '*') {
        if (i + 1 < g.length() && g.charAt(i + 1) == '*') {
          doubleStars++;
          while (i + 1 < g.length() && g.charAt(i + 1) == '*') {
            i++;
          }
        } else {
          stars++;
        }
      }
      if (doubleStars > MAX_GLOB_DOUBLE_STARS || stars > MAX_GLOB_STARS_PER_SEGMENT) {
        throw SearchException.tooComplex(
            "the glob is too costly to match: at most "
                + MAX_GLOB_DOUBLE_STARS
                + " '**' and "
                + MAX_GLOB_STARS_PER_SEGMENT
                + " '*' in one path segment are allowed (limit: glob wildcards)");
      }
    }
  }

  static void limit(int limit) {
    if (limit < 1 || limit > MAX_GREP_LIMIT) {
      throw SearchException.invalid(
          "invalid_limit", "limit is " + limit + "; it must be between 1 and " + MAX_GREP_LIMIT);
    }
  }
}
