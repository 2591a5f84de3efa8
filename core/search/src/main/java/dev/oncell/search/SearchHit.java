package dev.oncell.search;

import java.util.Objects;
import java.util.Optional;

/** One result of a search, with a score between 0 and 1 (1 is the best hit of the query). */
public record SearchHit(
    String path,
    String content,
    double score,
    int startLine,
    int endLine,
    Optional<String> symbol,
    String language) {

  public SearchHit {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(content, "content");
    Objects.requireNonNull(symbol, "symbol");
    Objects.requireNonNull(language, "language");
  }
}
