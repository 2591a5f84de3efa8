package dev.oncell.client;

import java.util.Objects;
import java.util.Optional;

/**
 * A file's bytes with the version they are at.
 *
 * @param content the file's bytes
 * @param version the version to send back in {@link WriteCondition#ifVersion(String)}; empty for
 *     files too large to be versioned, or from servers without versions
 */
public record VersionedContent(byte[] content, Optional<String> version) {

  public VersionedContent {
    Objects.requireNonNull(content, "content");
    Objects.requireNonNull(version, "version");
  }
}
