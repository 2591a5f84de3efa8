package dev.oncell.client;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Objects;

/**
 * The entries of one directory in a customer's cell.
 *
 * @param path the directory's path relative to the cell's root; empty for the root
 * @param entries the entries in the order the server sent them
 */
public record DirectoryListing(String path, List<FileEntry> entries) {

  public DirectoryListing {
    Objects.requireNonNull(path, "path");
    entries = List.copyOf(entries);
  }

  /** This listing in the server's wire format. */
  public ObjectNode toJson() {
    return WireFormat.toJson(this);
  }
}
