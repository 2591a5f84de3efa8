package dev.oncell.runtime.internal.mirror;

import dev.oncell.git.RepoUrl;
import dev.oncell.runtime.CellException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;

/** The files of a cell's host-only git folder: the upstream it follows, and the mirror's size. */
final class MirrorFiles {

  private MirrorFiles() {}

  /** The upstream recorded in {@code file}, if one was. */
  static Optional<RepoUrl> readUpstream(Path file) {
    if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
      return Optional.empty();
    }
    try {
      return Optional.of(RepoUrl.parse(Files.readString(file, StandardCharsets.UTF_8).strip()));
    } catch (IOException e) {
      throw CellException.internal("cannot read the cell's upstream", e);
    }
  }

  /** Records {@code url} in {@code file}, whole or not at all. */
  static void writeUpstream(Path file, RepoUrl url) {
    try {
      Files.createDirectories(file.getParent());
      Path temp = file.resolveSibling(file.getFileName() + ".tmp");
      Files.writeString(temp, url + "\n", StandardCharsets.UTF_8);
      try {
        Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException e) {
      throw CellException.internal("cannot record the cell's upstream", e);
    }
  }

  /** The bytes of the regular files under {@code folder} (0 when it does not exist). */
  static long size(Path folder) {
    if (!Files.isDirectory(folder, LinkOption.NOFOLLOW_LINKS)) {
      return 0;
    }
    try (Stream<Path> files = Files.walk(folder)) {
      return files
          .filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS))
          .mapToLong(MirrorFiles::sizeOrZero)
          .sum();
    } catch (IOException e) {
      throw CellException.internal("cannot measure the cell's repository", e);
    }
  }

  private static long sizeOrZero(Path file) {
    try {
      return Files.size(file);
    } catch (IOException e) {
      return 0; // removed meanwhile
    }
  }

  /** Removes {@code folder} and everything in it. */
  static void remove(Path folder) throws IOException {
    if (!Files.exists(folder, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    try (Stream<Path> files = Files.walk(folder)) {
      for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
