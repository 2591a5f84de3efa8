package dev.oncell.runtime.internal.run;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import dev.oncell.agent.GrepMatch;
import dev.oncell.agent.IndexResult;
import dev.oncell.agent.SearchHit;
import dev.oncell.runtime.CellSearch;
import dev.oncell.runtime.internal.store.Json;
import dev.oncell.search.IndexReport;
import java.util.List;
import java.util.Optional;

/**
 * {@code ctx.index}, {@code ctx.search} and {@code ctx.grep}: the cell's code search, each call a
 * journaled step. Indexing sends progress as {@code index} events, and its summary as one journaled
 * {@code index} event.
 */
final class JournaledSearch {

  private static final TypeReference<List<SearchHit>> SEARCH_HITS = new TypeReference<>() {};
  private static final TypeReference<List<GrepMatch>> GREP_MATCHES = new TypeReference<>() {};
  private static final int GREP_LIMIT = 1000;

  private final ChokePoint steps;
  private final CellSearch search;
  private final RunEventLog events;

  JournaledSearch(ChokePoint steps, CellSearch search, RunEventLog events) {
    this.steps = steps;
    this.search = search;
    this.events = events;
  }

  IndexResult index(String path, Optional<String> glob) {
    return steps.call(
        "index",
        path,
        glob.orElse(""),
        IndexResult.class,
        () -> {
          IndexReport r = search.index(path, glob, new IndexProgressEvents(events));
          IndexResult result =
              new IndexResult(r.files(), r.unchanged(), r.removed(), r.skipped(), r.chunks());
          JsonNode data = Json.MAPPER.valueToTree(result);
          steps.callVoid("event", "index", data, () -> events.append("index", data));
          return result;
        });
  }

  List<SearchHit> search(String query, int topK) {
    return steps.call(
        "search",
        query,
        topK,
        SEARCH_HITS,
        () ->
            search.search(query, topK, Optional.empty()).stream()
                .map(
                    h ->
                        new SearchHit(
                            h.path(),
                            h.content(),
                            h.score(),
                            h.startLine(),
                            h.endLine(),
                            h.symbol(),
                            h.language()))
                .toList());
  }

  List<GrepMatch> grep(String regex, Optional<String> glob) {
    return steps.call(
        "grep",
        regex,
        glob.orElse(""),
        GREP_MATCHES,
        () ->
            search.grep(regex, glob, GREP_LIMIT).stream()
                .map(m -> new GrepMatch(m.path(), m.line(), m.text()))
                .toList());
  }
}
