package dev.oncell.client;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Objects;
import java.util.Optional;

/**
 * What the server stored for a file write.
 *
 * @param path the file's path relative to the cell's root
 * @param size the number of bytes now in the file
 * @param version the version of the bytes written, for a later {@link CustomerFiles#write(String,
 *     byte[], WriteCondition)}; empty from servers without versions
 */
public record WrittenFile(String path, long size, Optional<String> version) {

  public WrittenFile {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(version, "version");
  }

  /** A written file whose version is not known. */
  public WrittenFile(String path, long size) {
    this(path, size, Optional.empty());
  }

  /** This result in the server's wire format. */
  public ObjectNode toJson() {
    return WireFormat.toJson(this);
  }
}
