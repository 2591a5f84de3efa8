package dev.oncell.client;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * When a file write may happen, checked by the server together with the write: sent as {@code
 * If-Match} or {@code If-None-Match}. An editor writes with the version it last read so that a
 * change made in the cell meanwhile (by an agent, a shell command or another editor) is never
 * overwritten.
 */
public sealed interface WriteCondition {

  /** Write whatever is there. */
  static WriteCondition always() {
    return Always.INSTANCE;
  }

  /** Write only if the file is still at {@code version} (from a read or an earlier write). */
  static WriteCondition ifVersion(String version) {
    return new IfVersion(version);
  }

  /** Write only if there is no file at the path yet. */
  static WriteCondition ifAbsent() {
    return IfAbsent.INSTANCE;
  }

  /** The request headers that say this condition. */
  Map<String, String> headers();

  /** No condition. */
  enum Always implements WriteCondition {
    INSTANCE;

    @Override
    public Map<String, String> headers() {
      return Map.of();
    }
  }

  /** {@code If-None-Match: *}. */
  enum IfAbsent implements WriteCondition {
    INSTANCE;

    @Override
    public Map<String, String> headers() {
      return Map.of("If-None-Match", "*");
    }
  }

  /**
   * {@code If-Match: "version"}.
   *
   * @param version a version as the server gave it (no quotes)
   */
  record IfVersion(String version) implements WriteCondition {

    public IfVersion {
      Objects.requireNonNull(version, "version");
      if (version.isEmpty()
          || version.contains("\"")
          || version.chars().anyMatch(c -> c < 0x21 || c > 0x7e)) {
        throw new IllegalArgumentException("not a file version: '" + version + "'");
      }
    }

    @Override
    public Map<String, String> headers() {
      return Map.of("If-Match", '"' + version + '"');
    }
  }

  /** The version inside an ETag header value; empty for a weak or malformed tag. */
  static Optional<String> unquote(String etag) {
    String tag = etag.strip();
    if (tag.length() > 2 && tag.startsWith("\"") && tag.endsWith("\"")) {
      return Optional.of(tag.substring(1, tag.length() - 1));
    }
    return Optional.empty();
  }
}
