package dev.oncell.plugins.security;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * A file an engine scans: its path relative to the repository's root, its git object id (what makes
 * scans incremental: a blob scanned once is never scanned again) and its bytes.
 */
public record SourceFile(String path, String objectId, byte[] content) {

  public SourceFile {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(objectId, "objectId");
    Objects.requireNonNull(content, "content");
  }

  /** The content as UTF-8 text (malformed bytes replaced). */
  public String text() {
    return new String(content, StandardCharsets.UTF_8);
  }
}
