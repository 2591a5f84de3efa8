package dev.oncell.server.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.oncell.runtime.CellSearch;
import dev.oncell.runtime.Host;
import dev.oncell.search.GrepMatch;
import dev.oncell.search.IndexReport;
import dev.oncell.search.IndexStatus;
import dev.oncell.search.SearchHit;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * {@code POST /v1/customers/:id/index}, {@code GET .../index}, {@code POST .../search} and {@code
 * POST .../grep}: the cell's code search.
 */
final class SearchHandlers {

  private static final Set<String> INDEX_FIELDS = Set.of("path", "glob");
  private static final Set<String> SEARCH_FIELDS = Set.of("query", "topK", "glob");
  private static final Set<String> GREP_FIELDS = Set.of("regex", "glob", "limit");
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
    ObjectNode out = Responses.JSON.createObjectNode();
    out.put("files", report.files());
    out.put("unchanged", report.unchanged());
    out.put("removed", report.removed());
    out.put("skipped", report.skipped());
    out.put("chunks", report.chunks());
    out.set("status", status(search.status()));
    Responses.json(res, 200, out);
  }

  void status(ServerRequest req, ServerResponse res) {
    String id = CustomerHandlers.id(req);
    Responses.json(res, 200, status(host.cells().cell(id).search().status()));
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
    ObjectNode out = Responses.JSON.createObjectNode();
    ArrayNode array = out.putArray("hits");
    for (SearchHit hit : hits) {
      ObjectNode h = array.addObject();
      h.put("path", hit.path());
      h.put("content", hit.content());
      h.put("score", hit.score());
      h.put("startLine", hit.startLine());
      h.put("endLine", hit.endLine());
      hit.symbol().ifPresentOrElse(s -> h.put("symbol", s), () -> h.putNull("symbol"));
      h.put("language", hit.language());
    }
    out.put("tookMs", (System.nanoTime() - started) / 1_000_000);
    Responses.json(res, 200, out);
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
    ObjectNode out = Responses.JSON.createObjectNode();
    ArrayNode array = out.putArray("matches");
    for (GrepMatch m : truncated ? matches.subList(0, limit) : matches) {
      ObjectNode o = array.addObject();
      o.put("path", m.path());
      o.put("line", m.line());
      o.put("text", m.text());
    }
    out.put("truncated", truncated);
    out.put("tookMs", (System.nanoTime() - started) / 1_000_000);
    Responses.json(res, 200, out);
  }

  private static ObjectNode status(IndexStatus status) {
    ObjectNode out = Responses.JSON.createObjectNode();
    out.put("files", status.files());
    out.put("chunks", status.chunks());
    out.put("embedded", status.embedded());
    out.put("indexing", status.indexing());
    status.model().ifPresentOrElse(m -> out.put("model", m), () -> out.putNull("model"));
    return out;
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
