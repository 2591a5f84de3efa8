package dev.oncell.client;

import java.util.List;

/** The lines of a grep, in path then line order; {@code truncated} when the limit cut them. */
public record GrepResults(List<GrepLine> matches, boolean truncated, long tookMs) {

  public GrepResults {
    matches = List.copyOf(matches);
  }

  /** This value as the server's JSON. */
  public com.fasterxml.jackson.databind.node.ObjectNode toJson() {
    return SearchWireFormat.toJson(this);
  }
}
