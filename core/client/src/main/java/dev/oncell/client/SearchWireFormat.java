package dev.oncell.client;

import static dev.oncell.client.WireFormat.array;
import static dev.oncell.client.WireFormat.optionalText;
import static dev.oncell.client.WireFormat.requireObject;
import static dev.oncell.client.WireFormat.text;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/** The JSON of the code search endpoints, both directions. */
final class SearchWireFormat {

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private SearchWireFormat() {}

  static ObjectNode indexRequest(String path) {
    return NODES.objectNode().put("path", path);
  }

  static ObjectNode searchRequest(SearchRequest request) {
    ObjectNode body = NODES.objectNode().put("query", request.query()).put("topK", request.topK());
    request.glob().ifPresent(g -> body.put("glob", g));
    return body;
  }

  static ObjectNode grepRequest(GrepRequest request) {
    ObjectNode body =
        NODES.objectNode().put("regex", request.regex()).put("limit", request.limit());
    request.glob().ifPresent(g -> body.put("glob", g));
    return body;
  }

  static IndexSummary indexSummary(JsonNode node) {
    requireObject(node, "index summary");
    return new IndexSummary(
        node.path("files").asInt(),
        node.path("unchanged").asInt(),
        node.path("removed").asInt(),
        node.path("skipped").asInt(),
        node.path("chunks").asInt(),
        indexState(node.path("status")));
  }

  static IndexState indexState(JsonNode node) {
    requireObject(node, "index status");
    return new IndexState(
        node.path("files").asInt(),
        node.path("chunks").asInt(),
        node.path("embedded").asInt(),
        node.path("indexing").asBoolean(),
        optionalText(node, "model"));
  }

  static SearchResults searchResults(JsonNode node) {
    requireObject(node, "search results");
    List<CodeHit> hits = new ArrayList<>();
    for (JsonNode h : array(node, "hits")) {
      hits.add(
          new CodeHit(
              text(h, "path"),
              text(h, "content"),
              h.path("score").asDouble(),
              h.path("startLine").asInt(),
              h.path("endLine").asInt(),
              optionalText(h, "symbol"),
              text(h, "language")));
    }
    return new SearchResults(hits, node.path("tookMs").asLong());
  }

  static GrepResults grepResults(JsonNode node) {
    requireObject(node, "grep results");
    List<GrepLine> lines = new ArrayList<>();
    for (JsonNode m : array(node, "matches")) {
      lines.add(new GrepLine(text(m, "path"), m.path("line").asInt(), text(m, "text")));
    }
    return new GrepResults(lines, node.path("truncated").asBoolean(), node.path("tookMs").asLong());
  }

  static ObjectNode toJson(IndexState state) {
    ObjectNode out =
        NODES
            .objectNode()
            .put("files", state.files())
            .put("chunks", state.chunks())
            .put("embedded", state.embedded())
            .put("indexing", state.indexing());
    state.model().ifPresentOrElse(m -> out.put("model", m), () -> out.putNull("model"));
    return out;
  }

  static ObjectNode toJson(IndexSummary summary) {
    ObjectNode out =
        NODES
            .objectNode()
            .put("files", summary.files())
            .put("unchanged", summary.unchanged())
            .put("removed", summary.removed())
            .put("skipped", summary.skipped())
            .put("chunks", summary.chunks());
    out.set("status", toJson(summary.status()));
    return out;
  }

  static ObjectNode toJson(SearchResults results) {
    ObjectNode out = NODES.objectNode();
    var hits = out.putArray("hits");
    for (CodeHit hit : results.hits()) {
      ObjectNode h =
          hits.addObject()
              .put("path", hit.path())
              .put("content", hit.content())
              .put("score", hit.score())
              .put("startLine", hit.startLine())
              .put("endLine", hit.endLine());
      hit.symbol().ifPresentOrElse(s -> h.put("symbol", s), () -> h.putNull("symbol"));
      h.put("language", hit.language());
    }
    out.put("tookMs", results.tookMs());
    return out;
  }

  static ObjectNode toJson(GrepResults results) {
    ObjectNode out = NODES.objectNode();
    var matches = out.putArray("matches");
    for (GrepLine line : results.matches()) {
      matches
          .addObject()
          .put("path", line.path())
          .put("line", line.line())
          .put("text", line.text());
    }
    out.put("truncated", results.truncated()).put("tookMs", results.tookMs());
    return out;
  }
}
