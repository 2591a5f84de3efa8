package dev.oncell.client;

/**
 * The code search of one customer's cell: {@code /v1/customers/{id}/index}, {@code .../search},
 * {@code .../grep}. Obtain from {@link OncellClient#search(String)}. Every method throws {@link
 * OncellApiException} on failure, for example status 400 / code {@code invalid_regex}.
 */
public interface CustomerSearch {

  /** The customer whose cell this searches. */
  String customerId();

  /**
   * Indexes the files under {@code path} ({@code /work} for all), incrementally; returns once they
   * are searchable by keyword.
   */
  IndexSummary index(String path);

  /**
   * Indexes the files under {@code path} that match {@code glob}, such as {@code **}{@code /*.ts}.
   */
  IndexSummary index(String path, String glob);

  /** How far the index is, embeddings included. */
  IndexState status();

  /** The best chunks for a query. */
  SearchResults search(SearchRequest request);

  /** The 10 best chunks for {@code query}. */
  default SearchResults search(String query) {
    return search(SearchRequest.of(query));
  }

  /**
   * The symbols the index keeps of one file ({@code src/App.java}), in line order, as of the last
   * index run; empty for a file that is not indexed.
   */
  java.util.List<CodeSymbol> symbols(String path);

  /** Lines matching a regular expression, as {@code grep -rnE} prints them. */
  GrepResults grep(GrepRequest request);

  /** Lines matching {@code regex}, at most 1,000. */
  default GrepResults grep(String regex) {
    return grep(GrepRequest.of(regex));
  }
}
