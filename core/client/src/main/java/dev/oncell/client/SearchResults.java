package dev.oncell.client;

import java.util.List;

/** The hits of a search, best first, and how long the server took. */
public record SearchResults(List<CodeHit> hits, long tookMs) {

  public SearchResults {
    hits = List.copyOf(hits);
  }

  /** This value as the server's JSON. */
  public com.fasterxml.jackson.databind.node.ObjectNode toJson() {
    return SearchWireFormat.toJson(this);
  }
}
