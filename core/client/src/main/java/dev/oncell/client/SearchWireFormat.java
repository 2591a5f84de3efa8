package dev.oncell.client;

import static dev.oncell.client.WireFormat.read;
import static dev.oncell.client.WireFormat.requireObject;
import static dev.oncell.client.WireFormat.required;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.oncell.client.wire.GrepRequestJson;
import dev.oncell.client.wire.GrepResultsJson;
import dev.oncell.client.wire.IndexReportJson;
import dev.oncell.client.wire.IndexRequestJson;
import dev.oncell.client.wire.IndexStatusJson;
import dev.oncell.client.wire.SearchRequestJson;
import dev.oncell.client.wire.SearchResultsJson;
import dev.oncell.client.wire.SymbolsJson;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The JSON of the code search endpoints: responses read as the records of {@code
 * dev.oncell.client.wire}; requests and printing.
 */
final class SearchWireFormat {

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private SearchWireFormat() {}

  /** An index request; {@code glob} may be {@code null} (the whole path). */
  static ObjectNode indexRequest(String path, String glob) {
    return WireFormat.MAPPER.valueToTree(new IndexRequestJson(path, glob));
  }

  static ObjectNode searchRequest(SearchRequest request) {
    return WireFormat.MAPPER.valueToTree(
        new SearchRequestJson(request.query(), request.topK(), request.glob().orElse(null)));
  }

  static ObjectNode grepRequest(GrepRequest request) {
    return WireFormat.MAPPER.valueToTree(
        new GrepRequestJson(request.regex(), request.limit(), request.glob().orElse(null)));
  }

  static IndexSummary indexSummary(JsonNode node) {
    requireObject(node, "index summary");
    IndexReportJson r = read(node, IndexReportJson.class);
    return new IndexSummary(
        r.files(),
        r.unchanged(),
        r.removed(),
        r.skipped(),
        r.chunks(),
        indexState(required(r.status(), "status")));
  }

  static IndexState indexState(JsonNode node) {
    requireObject(node, "index status");
    return indexState(read(node, IndexStatusJson.class));
  }

  private static IndexState indexState(IndexStatusJson s) {
    return new IndexState(
        s.files(), s.chunks(), s.embedded(), s.indexing(), Optional.ofNullable(s.model()));
  }

  static List<CodeSymbol> symbols(JsonNode node) {
    requireObject(node, "symbols");
    SymbolsJson r = read(node, SymbolsJson.class);
    List<CodeSymbol> symbols = new ArrayList<>();
    for (SymbolsJson.Symbol s : required(r.symbols(), "symbols")) {
      required(s, "symbols[]");
      symbols.add(
          new CodeSymbol(
              required(s.name(), "name"), required(s.kind(), "kind"), s.startLine(), s.endLine()));
    }
    return List.copyOf(symbols);
  }

  static SearchResults searchResults(JsonNode node) {
    requireObject(node, "search results");
    SearchResultsJson r = read(node, SearchResultsJson.class);
    List<CodeHit> hits = new ArrayList<>();
    for (SearchResultsJson.Hit h : required(r.hits(), "hits")) {
      required(h, "hits[]");
      hits.add(
          new CodeHit(
              required(h.path(), "path"),
              required(h.content(), "content"),
              h.score(),
              h.startLine(),
              h.endLine(),
              Optional.ofNullable(h.symbol()),
              required(h.language(), "language")));
    }
    return new SearchResults(hits, r.tookMs());
  }

  static GrepResults grepResults(JsonNode node) {
    requireObject(node, "grep results");
    GrepResultsJson r = read(node, GrepResultsJson.class);
    List<GrepLine> lines = new ArrayList<>();
    for (GrepResultsJson.Line m : required(r.matches(), "matches")) {
      required(m, "matches[]");
      lines.add(new GrepLine(required(m.path(), "path"), m.line(), required(m.text(), "text")));
    }
    return new GrepResults(lines, r.truncated(), r.tookMs());
  }

  static ObjectNode toJson(IndexState state) {
    return WireFormat.MAPPER.valueToTree(wire(state));
  }

  private static IndexStatusJson wire(IndexState state) {
    return new IndexStatusJson(
        state.files(),
        state.chunks(),
        state.embedded(),
        state.indexing(),
        state.model().orElse(null));
  }

  static ObjectNode toJson(IndexSummary summary) {
    return WireFormat.MAPPER.valueToTree(
        new IndexReportJson(
            summary.files(),
            summary.unchanged(),
            summary.removed(),
            summary.skipped(),
            summary.chunks(),
            wire(summary.status())));
  }

  static ObjectNode toJson(SearchResults results) {
    return WireFormat.MAPPER.valueToTree(
        new SearchResultsJson(
            results.hits().stream()
                .map(
                    h ->
                        new SearchResultsJson.Hit(
                            h.path(),
                            h.content(),
                            h.score(),
                            h.startLine(),
                            h.endLine(),
                            h.symbol().orElse(null),
                            h.language()))
                .toList(),
            results.tookMs()));
  }

  static ObjectNode toJson(GrepResults results) {
    return WireFormat.MAPPER.valueToTree(
        new GrepResultsJson(
            results.matches().stream()
                .map(l -> new GrepResultsJson.Line(l.path(), l.line(), l.text()))
                .toList(),
            results.truncated(),
            results.tookMs()));
  }
}
