package dev.oncell.search;

/**
 * Which side of the index answers a search. Agents use {@link #HYBRID}; the others are for
 * evaluation.
 */
public enum SearchMode {
  /** BM25 over content, symbols and paths. */
  KEYWORD,
  /** Nearest neighbours of the query's embedding; needs an embedder. */
  VECTOR,
  /** Both, fused; keyword-only when the index has no embedder. */
  HYBRID
}
