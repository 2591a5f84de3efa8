package dev.oncell.client;

import java.util.Objects;
import java.util.Optional;

/**
 * A search of a customer's code. Start with {@link #of(String)}; each {@code with...} method
 * returns a new request.
 *
 * @param query a few words or a whole bug report
 * @param topK how many hits, 1 to 100
 * @param glob only files matching this, such as {@code src/**}{@code /*.{ts,tsx}}
 */
public record SearchRequest(String query, int topK, Optional<String> glob) {

  public SearchRequest {
    Objects.requireNonNull(query, "query");
    Objects.requireNonNull(glob, "glob");
  }

  public static SearchRequest of(String query) {
    return new SearchRequest(query, 10, Optional.empty());
  }

  public SearchRequest withTopK(int value) {
    return new SearchRequest(query, value, glob);
  }

  public SearchRequest withGlob(String value) {
    return new SearchRequest(query, topK, Optional.of(value));
  }
}
