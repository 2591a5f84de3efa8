package dev.oncell.lsp;

import dev.oncell.client.CodeHit;
import dev.oncell.client.CustomerSearch;
import dev.oncell.client.GrepRequest;
import dev.oncell.client.GrepResults;
import dev.oncell.client.SearchRequest;
import dev.oncell.client.SearchResults;
import dev.oncell.lsp.OncellProtocol.GrepAnswer;
import dev.oncell.lsp.OncellProtocol.GrepMatch;
import dev.oncell.lsp.OncellProtocol.GrepParams;
import dev.oncell.lsp.OncellProtocol.Hit;
import dev.oncell.lsp.OncellProtocol.SearchAnswer;
import dev.oncell.lsp.OncellProtocol.SearchParams;

/**
 * {@code oncell/search} and {@code oncell/grep}: the cell's index through the search API. Bounds
 * (top-k, limits, a regular expression's cost) are the server's to check; its errors pass through
 * with their codes.
 */
final class SearchRequests {

  private final CustomerSearch search;

  SearchRequests(CustomerSearch search) {
    this.search = search;
  }

  SearchAnswer search(SearchParams params) {
    if (params == null || params.query() == null || params.query().isBlank()) {
      throw Failures.invalidParams("invalid_query", "search needs a query");
    }
    SearchRequest request = SearchRequest.of(params.query());
    if (params.topK() != null) {
      request = request.withTopK(params.topK());
    }
    if (params.glob() != null) {
      request = request.withGlob(params.glob());
    }
    SearchResults results = search.search(request);
    return new SearchAnswer(
        results.hits().stream().map(SearchRequests::hit).toList(), results.tookMs());
  }

  GrepAnswer grep(GrepParams params) {
    if (params == null || params.regex() == null || params.regex().isEmpty()) {
      throw Failures.invalidParams("invalid_regex", "grep needs a regex");
    }
    GrepRequest request = GrepRequest.of(params.regex());
    if (params.glob() != null) {
      request = request.withGlob(params.glob());
    }
    if (params.limit() != null) {
      request = request.withLimit(params.limit());
    }
    GrepResults results = search.grep(request);
    return new GrepAnswer(
        results.matches().stream().map(m -> new GrepMatch(m.path(), m.line(), m.text())).toList(),
        results.truncated(),
        results.tookMs());
  }

  static Hit hit(CodeHit h) {
    return new Hit(
        h.path(),
        h.content(),
        h.score(),
        h.startLine(),
        h.endLine(),
        h.symbol().orElse(null),
        h.language());
  }
}
