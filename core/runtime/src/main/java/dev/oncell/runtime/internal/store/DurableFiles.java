package dev.oncell.runtime.internal.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Writes of the files the host owns (keys, plugin jars): all or nothing, and on disk before they
 * return. The bytes go to a temporary file in the target's folder, which is forced to disk, then
 * takes the target's name in one rename (or one hard link, for {@link #createNew}), and the folder
 * is forced so the new name survives a crash too. A failure at any point (a full disk included)
 * leaves the target as it was and no temporary file behind.
 */
public final class DurableFiles {

  private DurableFiles() {}

  /** Replaces {@code target} with {@code bytes}, readable as {@code mode}. */
  static void write(Path target, byte[] bytes, Set<PosixFilePermission> mode) throws IOException {
    commit(temporary(target, bytes, mode), target);
  }

  /**
   * The first half of {@link #write}, for a caller that must do something between the two: {@code
   * bytes} in a synced temporary file beside {@code target}. Pass it to {@link #commit}, or delete
   * it.
   */
  static Path prepare(Path target, byte[] bytes, Set<PosixFilePermission> mode) throws IOException {
    return temporary(target, bytes, mode);
  }

  /** Renames a {@link #prepare}d file over {@code target} and syncs the folder. */
  static void commit(Path temp, Path target) throws IOException {
    try {
      try {
        Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        throw new IOException("cannot rename " + temp + " atomically to " + target, e);
      }
    } finally {
      Files.deleteIfExists(temp);
    }
    syncFolder(target);
  }

  /**
   * Creates {@code target} with {@code bytes}, readable as {@code mode}, unless it exists: never
   * replaces a file, never shows a partial one.
   *
   * @return false, changing nothing, if {@code target} already exists
   */
  static boolean createNew(Path target, byte[] bytes, Set<PosixFilePermission> mode)
      throws IOException {
    Path temp = temporary(target, bytes, mode);
    try {
      Files.createLink(target, temp); // atomic, and fails rather than replace
    } catch (FileAlreadyExistsException e) {
      return false;
    } finally {
      Files.deleteIfExists(temp);
    }
    syncFolder(target);
    return true;
  }

  /** Forces {@code file}'s bytes to disk (for a file written in place, before it is renamed). */
  public static void sync(Path file) throws IOException {
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
      channel.force(true);
    }
  }

  /** Forces the folder holding {@code file}, so a rename or link into it survives a crash. */
  public static void syncFolder(Path file) throws IOException {
    try (FileChannel folder =
        FileChannel.open(file.toAbsolutePath().getParent(), StandardOpenOption.READ)) {
      folder.force(true);
    }
  }

  private static Path temporary(Path target, byte[] bytes, Set<PosixFilePermission> mode)
      throws IOException {
    Path temp =
        Files.createTempFile(
            target.toAbsolutePath().getParent(),
            "." + target.getFileName() + ".",
            ".tmp",
            PosixFilePermissions.asFileAttribute(mode));
    try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
      ByteBuffer buffer = ByteBuffer.wrap(bytes);
      while (buffer.hasRemaining()) {
        channel.write(buffer);
      }
      channel.force(true);
    } catch (IOException | RuntimeException e) {
      Files.deleteIfExists(temp);
      throw e;
    }
    return temp;
  }
}
