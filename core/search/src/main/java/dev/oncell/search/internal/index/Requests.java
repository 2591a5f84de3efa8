package dev.oncell.search.internal.index;

import dev.oncell.search.SearchException;
import dev.oncell.search.SearchMode;

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

  static void limit(int limit) {
    if (limit < 1 || limit > MAX_GREP_LIMIT) {
      throw SearchException.invalid(
          "invalid_limit", "limit is " + limit + "; it must be between 1 and " + MAX_GREP_LIMIT);
    }
  }
}
