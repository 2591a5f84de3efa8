package dev.oncell.search.eval;

import java.util.Objects;

/**
 * One evaluation query and what it should find.
 *
 * @param id stable, for reading results
 * @param kind where the query comes from
 * @param text what is searched for
 * @param path the file that should be found, relative to the corpus root
 * @param symbol the function that should be found
 * @param startLine the function's first line, 1-based
 * @param endLine the function's last line
 */
record Query(
    String id, Kind kind, String text, String path, String symbol, int startLine, int endLine) {

  enum Kind {
    /** The first sentence of a function's doc comment, removed from the indexed file. */
    DOC,
    /** A bug report or change request written against a function. */
    BUG
  }

  Query {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(symbol, "symbol");
    if (startLine < 1 || endLine < startLine) {
      throw new IllegalArgumentException("bad line range " + startLine + ".." + endLine);
    }
  }
}
