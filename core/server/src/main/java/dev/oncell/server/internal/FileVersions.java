package dev.oncell.server.internal;

import dev.oncell.runtime.CellException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * A file's version for optimistic writes: a strong ETag derived from its bytes (SHA-256, 128 bits
 * shown). A content hash, not a modification time, so that a version read through the API still
 * matches after the cell rewrote the same bytes, and differs whenever a byte changed, whoever wrote
 * it (an agent, a shell command, another editor).
 */
final class FileVersions {

  /** Files up to this size are answered with a version (their bytes are hashed in memory). */
  static final long MAX_VERSIONED_BYTES = 32L << 20;

  private FileVersions() {}

  /** The version of {@code content}: 32 lowercase hex digits. */
  static String of(byte[] content) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(content);
      return HexFormat.of().formatHex(digest, 0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }

  /** {@code version} as an ETag header value. */
  static String etag(String version) {
    return '"' + version + '"';
  }

  /**
   * A precondition of a PUT, from its {@code If-Match} or {@code If-None-Match} header.
   *
   * @param anyExisting {@code If-Match: *}: the file must exist
   * @param mustBeAbsent {@code If-None-Match: *}: the file must not exist
   * @param versions the versions of {@code If-Match} one of which the file must have
   */
  record Precondition(boolean anyExisting, boolean mustBeAbsent, List<String> versions) {

    static final Precondition NONE = new Precondition(false, false, List.of());

    /** Parses the headers; both at once, a weak tag or a malformed list is a 400. */
    static Precondition parse(Optional<String> ifMatch, Optional<String> ifNoneMatch) {
      if (ifMatch.isPresent() && ifNoneMatch.isPresent()) {
        throw invalid("send If-Match or If-None-Match, not both");
      }
      if (ifNoneMatch.isPresent()) {
        if (!ifNoneMatch.get().strip().equals("*")) {
          throw invalid("If-None-Match on a file write can only be *");
        }
        return new Precondition(false, true, List.of());
      }
      if (ifMatch.isEmpty()) {
        return NONE;
      }
      String value = ifMatch.get().strip();
      if (value.equals("*")) {
        return new Precondition(true, false, List.of());
      }
      List<String> versions = new ArrayList<>();
      for (String part : value.split(",", -1)) {
        String tag = part.strip();
        if (tag.length() < 2 || tag.charAt(0) != '"' || tag.charAt(tag.length() - 1) != '"') {
          throw invalid(
              "If-Match must be * or quoted versions (\"v1\", \"v2\"), not " + quote(tag));
        }
        versions.add(tag.substring(1, tag.length() - 1));
      }
      return new Precondition(false, false, List.copyOf(versions));
    }

    boolean isNone() {
      return !anyExisting && !mustBeAbsent && versions.isEmpty();
    }

    /**
     * Throws {@code version_conflict} (409) unless the file's current state meets this
     * precondition.
     *
     * @param current the file's current version, empty if there is no file
     */
    void check(String path, Optional<String> current) {
      if (mustBeAbsent && current.isPresent()) {
        throw conflict(path, "'" + path + "' already exists (version " + current.get() + ")");
      }
      if ((anyExisting || !versions.isEmpty()) && current.isEmpty()) {
        throw conflict(path, "'" + path + "' no longer exists in the cell");
      }
      if (!versions.isEmpty() && !versions.contains(current.get())) {
        throw conflict(
            path,
            "'"
                + path
                + "' changed in the cell: it is at version "
                + current.get()
                + ", not "
                + String.join(" or ", versions));
      }
    }

    private static CellException conflict(String path, String what) {
      return CellException.conflict("version_conflict", what + "; nothing was written");
    }

    private static CellException invalid(String message) {
      return CellException.invalid("invalid_precondition", message);
    }

    private static String quote(String tag) {
      String shown = tag.length() > 80 ? tag.substring(0, 80) + "..." : tag;
      return "'" + shown + "'";
    }
  }
}
