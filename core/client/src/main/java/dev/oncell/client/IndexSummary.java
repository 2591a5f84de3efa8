package dev.oncell.client;

/**
 * What one index request did, and the index's state after it.
 *
 * @param files files (re)indexed because they were new or changed
 * @param unchanged files already indexed with the same content
 * @param removed files removed because they are gone
 * @param skipped binary, too large, or ignored by {@code .gitignore}
 * @param chunks chunks written
 */
public record IndexSummary(
    int files, int unchanged, int removed, int skipped, int chunks, IndexState status) {

  /** This value as the server's JSON. */
  public com.fasterxml.jackson.databind.node.ObjectNode toJson() {
    return SearchWireFormat.toJson(this);
  }
}
