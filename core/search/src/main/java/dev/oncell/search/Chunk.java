package dev.oncell.search;

import java.util.Objects;
import java.util.Optional;

/**
 * A piece of a file that is indexed and returned as one search hit.
 *
 * @param path relative to the indexed root, with {@code /} separators
 * @param language {@code java}, {@code python}, {@code typescript}, {@code tsx}, {@code
 *     javascript}, {@code go}, or {@code text} for files chunked by line windows
 * @param kind the syntax node kind ({@code method}, {@code function}, {@code class}, ...) or {@code
 *     lines}
 * @param symbol qualified where possible ({@code AuthMiddleware.verifyToken})
 * @param startLine 1-based, inclusive
 * @param endLine 1-based, inclusive
 */
public record Chunk(
    String path,
    String language,
    String kind,
    Optional<String> symbol,
    int startLine,
    int endLine,
    String content) {

  public Chunk {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(language, "language");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(symbol, "symbol");
    Objects.requireNonNull(content, "content");
    if (startLine < 1 || endLine < startLine) {
      throw new IllegalArgumentException("bad line range " + startLine + ".." + endLine);
    }
  }
}
