package dev.oncell.client;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Objects;

/**
 * What the server stored for a file write.
 *
 * @param path the file's path relative to the cell's root
 * @param size the number of bytes now in the file
 */
public record WrittenFile(String path, long size) {

  public WrittenFile {
    Objects.requireNonNull(path, "path");
  }

  /** This result in the server's wire format. */
  public ObjectNode toJson() {
    return WireFormat.toJson(this);
  }
}
