package dev.oncell.runtime.internal.store;

import dev.oncell.runtime.CellException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import java.util.Set;

/**
 * {@code ONCELL_HOME/operator.key}: the generated bootstrap key, for the CLI on this machine. It is
 * always complete or absent: written to a temporary file (mode 600 from its creation), forced to
 * disk, then renamed over the old one and the folder forced, so a crash or a full disk never leaves
 * a half-written or empty key file.
 */
public final class OperatorKeyFile {

  static final String NAME = "operator.key";
  private static final Set<PosixFilePermission> OWNER_ONLY =
      PosixFilePermissions.fromString("rw-------");

  private final Path file;

  OperatorKeyFile(Path home) {
    this.file = home.resolve(NAME);
  }

  Path path() {
    return file;
  }

  /** The key in the file, if there is a readable one. */
  Optional<String> read() {
    try {
      String text = Files.readString(file, StandardCharsets.UTF_8).strip();
      return text.isEmpty() ? Optional.empty() : Optional.of(text);
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException | RuntimeException e) {
      return Optional.empty(); // unreadable or not UTF-8: as good as absent, a new key replaces it
    }
  }

  /** Writes {@code key} atomically with mode 600. */
  void write(String key) {
    prepare(key).commit();
  }

  /**
   * Writes {@code key} to a temporary file beside this one (mode 600, forced to disk); {@link
   * Pending#commit()} renames it into place, so the caller can make the key active in between and
   * the file never names a key that was not stored.
   */
  Pending prepare(String key) {
    try {
      return new Pending(
          DurableFiles.prepare(file, (key + "\n").getBytes(StandardCharsets.UTF_8), OWNER_ONLY));
    } catch (IOException e) {
      throw CellException.internal("cannot write the operator key file", e);
    }
  }

  /** A key file written but not yet in place. */
  final class Pending {
    private final Path tmp;

    private Pending(Path tmp) {
      this.tmp = tmp;
    }

    /** Renames the temporary file over {@code operator.key} and forces the folder. */
    void commit() {
      try {
        DurableFiles.commit(tmp, file);
      } catch (IOException e) {
        throw CellException.internal("cannot write the operator key file", e);
      }
    }

    /** Removes the temporary file: the key was not stored. */
    void abandon() {
      deleteQuietly(tmp);
    }
  }

  private static void deleteQuietly(Path path) {
    try {
      Files.deleteIfExists(path);
    } catch (IOException ignored) {
      // the original failure is the one to report
    }
  }

  /** Removes the file (its key was revoked); a missing file is fine. */
  void delete() {
    try {
      if (Files.deleteIfExists(file)) {
        DurableFiles.syncFolder(file);
      }
    } catch (IOException e) {
      throw CellException.internal("cannot remove the stale operator key file", e);
    }
  }
}
