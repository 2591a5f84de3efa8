package dev.oncell.server.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.oncell.client.wire.GrepRequestJson;
import dev.oncell.client.wire.GrepResultsJson;
import dev.oncell.client.wire.IndexRequestJson;
import dev.oncell.client.wire.SearchRequestJson;
import dev.oncell.client.wire.SearchResultsJson;
import dev.oncell.client.wire.SymbolsJson;
import dev.oncell.runtime.CellSearch;
import dev.oncell.runtime.Host;
import dev.oncell.search.FileSymbol;
import dev.oncell.search.GrepMatch;
import dev.oncell.search.IndexReport;
import dev.oncell.search.SearchHit;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * {@code POST /v1/customers/:id/index}, {@code GET .../index}, {@code POST .../search}, {@code POST
 * .../grep} and {@code GET .../symbols?path=}: the cell's code search.
 */
final class SearchHandlers {

  private static final Set<String> INDEX_FIELDS = RequestBodies.fields(IndexRequestJson.class);
  private static final Set<String> SEARCH_FIELDS = RequestBodies.fields(SearchRequestJson.class);
  private static final Set<String> GREP_FIELDS = RequestBodies.fields(GrepRequestJson.class);
  private static final int DEFAULT_TOP_K = 10;
  private static final int DEFAULT_GREP_LIMIT = 1000;

  private final Host host;
  private final RequestBodies bodies;

  SearchHandlers(Host host, RequestBodies bodies) {
    this.host = host;
    this.bodies = bodies;
  }

  void index(ServerRequest req, ServerResponse res) {
    String id = CustomerHandlers.id(req);
    ObjectNode body = bodies.object(req, INDEX_FIELDS);
    String path = RequestBodies.optionalText(body, "path").orElse("/work");
    Optional<String> glob = RequestBodies.optionalText(body, "glob");
    CellSearch search = host.cells().cell(id).search();
    IndexReport report = search.index(path, glob);
    Responses.json(res, 200, Wire.indexReport(report, search.status()));
  }

  void status(ServerRequest req, ServerResponse res) {
    String id = CustomerHandlers.id(req);
    Responses.json(res, 200, Wire.indexStatus(host.cells().cell(id).search().status()));
  }

  void search(ServerRequest req, ServerResponse res) {
    String id = CustomerHandlers.id(req);
    ObjectNode body = bodies.object(req, SEARCH_FIELDS);
    String query = RequestBodies.requiredText(body, "query");
    int topK = integer(body, "topK", DEFAULT_TOP_K);
    Optional<String> glob = RequestBodies.optionalText(body, "glob");
    long started = System.nanoTime();
    // A client that goes away cancels its search.
    List<SearchHit> hits =
        ClientWatch.whileConnected(
            bodies,
            req,
            res,
            "search",
            () -> host.cells().cell(id).search().search(query, topK, glob));
    Responses.json(
        res,
        200,
        new SearchResultsJson(
            hits.stream()
                .map(
                    hit ->
                        new SearchResultsJson.Hit(
                            hit.path(),
                            hit.content(),
                            hit.score(),
                            hit.startLine(),
                            hit.endLine(),
                            hit.symbol().orElse(null),
                            hit.language()))
                .toList(),
            (System.nanoTime() - started) / 1_000_000));
  }

  void symbols(ServerRequest req, ServerResponse res) {
    String id = CustomerHandlers.id(req);
    String path =
        req.query()
            .first("path")
            .asOptional()
            .filter(p -> !p.isBlank())
            .orElseThrow(
                () ->
                    ApiException.badRequest("invalid_path", "give the file as ?path=src/App.java"));
    List<FileSymbol> symbols = host.cells().cell(id).search().symbols(path);
    Responses.json(
        res,
        200,
        new SymbolsJson(
            path,
            symbols.stream()
                .map(s -> new SymbolsJson.Symbol(s.name(), s.kind(), s.startLine(), s.endLine()))
                .toList()));
  }

  void grep(ServerRequest req, ServerResponse res) {
    String id = CustomerHandlers.id(req);
    ObjectNode body = bodies.object(req, GREP_FIELDS);
    String regex = RequestBodies.requiredText(body, "regex");
    Optional<String> glob = RequestBodies.optionalText(body, "glob");
    int limit = integer(body, "limit", DEFAULT_GREP_LIMIT);
    if (limit < 1 || limit > CellSearch.MAX_GREP_LINES) {
      throw ApiException.badRequest(
          "invalid_limit", "limit must be between 1 and " + CellSearch.MAX_GREP_LINES);
    }
    long started = System.nanoTime();
    // One line more than asked tells whether the answer was cut.
    List<GrepMatch> matches =
        ClientWatch.whileConnected(
            bodies,
            req,
            res,
            "grep",
            () ->
                host.cells()
                    .cell(id)
                    .search()
                    .grep(regex, glob, Math.min(limit + 1, CellSearch.MAX_GREP_LINES)));
    boolean truncated = matches.size() > limit;
    Responses.json(
        res,
        200,
        new GrepResultsJson(
            (truncated ? matches.subList(0, limit) : matches)
                .stream().map(m -> new GrepResultsJson.Line(m.path(), m.line(), m.text())).toList(),
            truncated,
            (System.nanoTime() - started) / 1_000_000));
  }

  private static int integer(ObjectNode body, String field, int fallback) {
    JsonNode value = body.get(field);
    if (value == null || value.isNull()) {
      return fallback;
    }
    if (!value.isIntegralNumber() || !value.canConvertToInt()) {
      throw ApiException.badRequest("invalid_request", "field '" + field + "' must be an integer");
    }
    return value.asInt();
  }
}
