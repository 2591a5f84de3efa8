package dev.oncell.client;

import java.util.Optional;

/**
 * How far a cell's index is.
 *
 * @param embedded chunks that also have a semantic vector; catches up with {@code chunks} in the
 *     background
 * @param indexing whether indexing is running now
 * @param model the embedding model, empty for a keyword-only index
 */
public record IndexState(
    int files, int chunks, int embedded, boolean indexing, Optional<String> model) {

  /** This value as the server's JSON. */
  public com.fasterxml.jackson.databind.node.ObjectNode toJson() {
    return SearchWireFormat.toJson(this);
  }
}
