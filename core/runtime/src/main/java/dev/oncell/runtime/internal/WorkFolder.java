package dev.oncell.runtime.internal;

import dev.oncell.agent.FileEntry;
import dev.oncell.agent.FileStore;
import dev.oncell.runtime.Cell.FileContent;
import dev.oncell.runtime.CellException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * A cell's {@code work/} folder as a {@link FileStore}. Every client path goes through {@link
 * #resolve}, which refuses {@code ..}, absolute paths and symbolic links that lead out.
 *
 * <p>Symbolic links are resolved once, then the real path is used. A process in the cell could swap
 * a folder for a link between the check and the use only while a shell command of that cell is
 * running; with bubblewrap no process of the cell outlives its command.
 */
final class WorkFolder implements FileStore {

  private static final int MAX_PATH_LENGTH = 4096;
  private static final int MAX_SEGMENT_LENGTH = 255;

  private final Path root;
  private final long maxReadBytes;

  WorkFolder(Path root, long maxReadBytes) {
    try {
      this.root = root.toRealPath();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    this.maxReadBytes = maxReadBytes;
  }

  /**
   * The real host path of {@code path}, inside the work folder.
   *
   * @throws CellException {@code invalid_path} for a path that is malformed or leaves the folder
   */
  Path resolve(String path) {
    if (path.length() > MAX_PATH_LENGTH) {
      throw invalid(path, "is longer than " + MAX_PATH_LENGTH + " characters");
    }
    if (path.indexOf('\0') >= 0) {
      throw invalid(path, "contains a NUL character");
    }
    if (path.startsWith("/")) {
      throw invalid(path, "is absolute; paths are relative to the cell's work folder");
    }
    Path candidate = root;
    for (String segment : path.split("/")) {
      if (segment.isEmpty() || segment.equals(".")) {
        continue;
      }
      if (segment.equals("..")) {
        throw invalid(path, "contains '..'");
      }
      if (segment.length() > MAX_SEGMENT_LENGTH) {
        throw invalid(path, "has a name longer than " + MAX_SEGMENT_LENGTH + " characters");
      }
      candidate = candidate.resolve(segment);
    }
    Path existing = candidate;
    while (!Files.exists(existing, LinkOption.NOFOLLOW_LINKS)) {
      existing = existing.getParent();
    }
    Path real;
    try {
      real = existing.toRealPath();
    } catch (NoSuchFileException e) {
      throw invalid(path, "goes through a symbolic link that points nowhere");
    } catch (IOException e) {
      throw invalid(path, "cannot be resolved: " + e.getMessage());
    }
    if (!real.startsWith(root)) {
      throw invalid(path, "leads out of the cell through a symbolic link");
    }
    return real.resolve(existing.relativize(candidate));
  }

  private static CellException invalid(String path, String why) {
    return CellException.invalid("invalid_path", "path '" + abbreviate(path) + "' " + why);
  }

  private static String abbreviate(String path) {
    return path.length() <= 200 ? path : path.substring(0, 200) + "...";
  }

  /** The path relative to the work folder, for messages. */
  String relative(Path real) {
    return root.relativize(real).toString();
  }

  @Override
  public byte[] read(String path) {
    FileContent content = open(path);
    if (content.size() > maxReadBytes) {
      try (var ignored = content.stream()) {
        throw CellException.invalid(
            "file_too_large",
            "'" + path + "' is " + content.size() + " bytes; read it as a stream instead");
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    try (var in = content.stream()) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw CellException.internal("cannot read '" + path + "'", e);
    }
  }

  FileContent open(String path) {
    Path file = resolve(path);
    if (Files.isDirectory(file)) {
      throw CellException.conflict("is_a_directory", "'" + path + "' is a folder");
    }
    try {
      return new FileContent(
          Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS), Files.size(file));
    } catch (NoSuchFileException e) {
      throw notFound(path);
    } catch (IOException e) {
      throw CellException.internal("cannot open '" + path + "'", e);
    }
  }

  @Override
  public void write(String path, byte[] content) {
    Path file = resolve(path);
    if (file.equals(root)) {
      throw CellException.invalid("invalid_path", "a file needs a name");
    }
    if (Files.isDirectory(file, LinkOption.NOFOLLOW_LINKS)) {
      throw CellException.conflict("is_a_directory", "'" + path + "' is a folder");
    }
    Path parent = file.getParent();
    try {
      Files.createDirectories(parent);
      Path temp = Files.createTempFile(parent, ".oncell-", ".tmp");
      try {
        Files.write(temp, content);
        move(temp, file);
      } finally {
        Files.deleteIfExists(temp);
      }
    } catch (FileAlreadyExistsException | NotDirectoryException e) {
      throw CellException.conflict(
          "not_a_directory", "a parent of '" + path + "' is a file, not a folder");
    } catch (IOException e) {
      throw CellException.internal("cannot write '" + path + "': " + e.getMessage(), e);
    }
  }

  private static void move(Path from, Path to) throws IOException {
    try {
      Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  @Override
  public List<FileEntry> list(String path) {
    Path dir = resolve(path);
    if (!Files.exists(dir)) {
      throw notFound(path);
    }
    if (!Files.isDirectory(dir)) {
      throw CellException.conflict("not_a_directory", "'" + path + "' is a file");
    }
    try (Stream<Path> children = Files.list(dir)) {
      List<FileEntry> entries = new ArrayList<>();
      for (Path child : (Iterable<Path>) children::iterator) {
        entries.add(entry(child));
      }
      entries.sort(Comparator.comparing(FileEntry::name));
      return entries;
    } catch (IOException e) {
      throw CellException.internal("cannot list '" + path + "'", e);
    }
  }

  private static FileEntry entry(Path child) throws IOException {
    BasicFileAttributes attrs =
        Files.readAttributes(child, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    FileEntry.Type type =
        attrs.isSymbolicLink()
            ? FileEntry.Type.SYMLINK
            : attrs.isDirectory()
                ? FileEntry.Type.DIRECTORY
                : attrs.isRegularFile() ? FileEntry.Type.FILE : FileEntry.Type.OTHER;
    return new FileEntry(
        child.getFileName().toString(), type, attrs.isRegularFile() ? attrs.size() : 0);
  }

  @Override
  public boolean delete(String path, boolean recursive) {
    Path target = resolve(path);
    if (target.equals(root)) {
      throw CellException.invalid("invalid_path", "the work folder itself cannot be deleted");
    }
    try {
      if (!Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
        return false;
      }
      if (recursive && Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
        deleteTree(target);
      } else {
        Files.delete(target);
      }
      return true;
    } catch (DirectoryNotEmptyException e) {
      throw CellException.conflict(
          "directory_not_empty",
          "'" + path + "' is a folder that is not empty; delete it recursively");
    } catch (IOException e) {
      throw CellException.internal("cannot delete '" + path + "'", e);
    }
  }

  /** Deletes a tree without following symbolic links out of it. */
  static void deleteTree(Path top) throws IOException {
    if (!Files.exists(top, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    Files.walkFileTree(
        top,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult visitFile(Path file, BasicFileAttributes attrs)
              throws IOException {
            Files.delete(file);
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
            if (e != null) {
              throw e;
            }
            Files.delete(dir);
            return FileVisitResult.CONTINUE;
          }
        });
  }

  @Override
  public boolean exists(String path) {
    return Files.exists(resolve(path));
  }

  @Override
  public boolean isDirectory(String path) {
    return Files.isDirectory(resolve(path));
  }

  private static CellException notFound(String path) {
    return CellException.notFound("not_found", "no file '" + abbreviate(path) + "' in the cell");
  }
}
