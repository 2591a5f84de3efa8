package dev.oncell.runtime.internal.cell;

import dev.oncell.agent.FileEntry;
import dev.oncell.agent.FileStore;
import dev.oncell.runtime.Cell.FileContent;
import dev.oncell.runtime.CellException;
import dev.oncell.sandbox.fs.CellDir;
import dev.oncell.sandbox.fs.CellPaths;
import dev.oncell.sandbox.fs.FileStat;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * A cell's {@code work/} folder as a {@link FileStore}: the one place where the host touches a
 * cell's files on behalf of a client or an agent.
 *
 * <p>A process of the cell may change the tree at any moment, so nothing here checks a path and
 * then uses it. Every operation goes through {@link CellDir}: names are opened one at a time from a
 * directory descriptor with {@code O_NOFOLLOW}. Symbolic links inside the cell are honoured by
 * reading them ({@link CellPaths#canonical}), never by letting the kernel follow them; a link that
 * leads out is refused. Only regular files are read or written (a FIFO or a socket is a clear
 * {@code not_a_file}, and never blocks a host thread). Messages hold cell paths, never host paths.
 */
public final class WorkFolder implements FileStore {

  private static final int MAX_PATH_LENGTH = 4096;

  /** A listing returns at most this many entries per page. */
  static final int MAX_PAGE = 10_000;

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

  /** An operation on the open root. */
  private interface Op<T> {
    T apply(CellDir root) throws IOException;
  }

  private <T> T withRoot(String path, Op<T> op) {
    if (path.length() > MAX_PATH_LENGTH) {
      throw invalid(path, "is longer than " + MAX_PATH_LENGTH + " characters");
    }
    try (CellDir dir = CellDir.open(root)) {
      return op.apply(dir);
    } catch (IOException e) {
      throw translate(path, e);
    }
  }

  /**
   * The path, relative to the work folder, that {@code path} names once the cell's own links are
   * resolved inside it. For the shell's working folder and the search's scope: both act inside the
   * cell (the sandbox, or the walker through descriptors), so a later swap cannot lead them out.
   *
   * @throws CellException {@code invalid_path} for a path that is malformed or leads out
   */
  String canonical(String path) {
    return withRoot(path, dir -> CellPaths.canonical(dir, path, true));
  }

  /** Whether {@code path} (already canonical) is a folder. */
  boolean isFolder(String canonical) {
    return withRoot(
        canonical, dir -> stat(dir, canonical).map(FileStat::isDirectory).orElse(false));
  }

  private static Optional<FileStat> stat(CellDir root, String canonical) throws IOException {
    List<String> names = CellDir.names(canonical);
    if (names.isEmpty()) {
      return Optional.of(root.stat());
    }
    try (CellDir parent = root.openDir(String.join("/", names.subList(0, names.size() - 1)))) {
      return parent.stat(names.getLast());
    } catch (NoSuchFileException | NotDirectoryException e) {
      return Optional.empty();
    }
  }

  @Override
  public byte[] read(String path) {
    FileContent content = open(path);
    try (InputStream in = content.stream()) {
      if (content.size() > maxReadBytes) {
        throw CellException.invalid(
            "file_too_large",
            "'"
                + abbreviate(path)
                + "' is "
                + content.size()
                + " bytes; read it as a stream instead");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw translate(path, e);
    }
  }

  FileContent open(String path) {
    return withRoot(
        path,
        dir -> {
          String canonical = CellPaths.canonical(dir, path, true);
          if (CellDir.names(canonical).isEmpty()) {
            throw CellException.conflict(
                "is_a_directory", "'" + abbreviate(path) + "' is a folder");
          }
          CellDir.OpenFile file = dir.openFileAt(canonical);
          return new FileContent(file.stream(), file.stat().size());
        });
  }

  @Override
  public void write(String path, byte[] content) {
    write(path, new ByteArrayInputStream(content));
  }

  /**
   * Writes the whole file from {@code content}: to a temporary file beside it, synced, renamed into
   * place. A failure (a full disk, a folder swapped for a link) leaves the old file.
   *
   * @return the bytes written
   */
  long write(String path, InputStream content) {
    return withRoot(
        path,
        dir -> {
          String canonical = CellPaths.canonical(dir, path, true);
          List<String> names = CellDir.names(canonical);
          if (names.isEmpty()) {
            throw CellException.invalid("invalid_path", "a file needs a name");
          }
          try (CellDir parent =
              dir.createDirs(String.join("/", names.subList(0, names.size() - 1)))) {
            return parent.write(names.getLast(), content);
          }
        });
  }

  /** {@link #list(String, Optional, int)} of everything. */
  @Override
  public List<FileEntry> list(String path) {
    return list(path, Optional.empty(), Integer.MAX_VALUE).entries();
  }

  /** One page of a listing: entries sorted by name, and the name to continue after. */
  record Page(List<FileEntry> entries, Optional<String> next, int unreadable) {}

  /**
   * Lists a folder, sorted by name: at most {@code limit} entries whose names sort after {@code
   * after}. Names that are not UTF-8 cannot be named through the API: they are counted, not listed.
   */
  Page list(String path, Optional<String> after, int limit) {
    return withRoot(
        path,
        dir -> {
          String canonical = CellPaths.canonical(dir, path, true);
          CellDir folder;
          try {
            folder = dir.openDir(canonical);
          } catch (NotDirectoryException e) {
            if (stat(dir, canonical).isEmpty()) {
              throw notFound(path);
            }
            throw CellException.conflict("not_a_directory", "'" + abbreviate(path) + "' is a file");
          }
          try (folder) {
            CellDir.Listing listing = folder.list();
            List<String> names = new ArrayList<>(listing.names());
            names.sort(Comparator.naturalOrder());
            List<FileEntry> entries = new ArrayList<>();
            Optional<String> next = Optional.empty();
            for (String name : names) {
              if (after.isPresent() && name.compareTo(after.get()) <= 0) {
                continue;
              }
              if (entries.size() == limit) {
                next = Optional.of(entries.getLast().name());
                break;
              }
              Optional<FileStat> stat = folder.stat(name);
              if (stat.isPresent()) {
                entries.add(entry(name, stat.get()));
              }
            }
            return new Page(entries, next, listing.unreadable());
          }
        });
  }

  private static FileEntry entry(String name, FileStat stat) {
    FileEntry.Type type =
        switch (stat.kind()) {
          case SYMLINK -> FileEntry.Type.SYMLINK;
          case DIRECTORY -> FileEntry.Type.DIRECTORY;
          case FILE -> FileEntry.Type.FILE;
          default -> FileEntry.Type.OTHER;
        };
    return new FileEntry(name, type, stat.isFile() ? stat.size() : 0);
  }

  /**
   * Deletes a file, a link (the link itself, wherever it points) or a folder, recursively when
   * asked: the whole tree however deep, without following a link.
   */
  @Override
  public boolean delete(String path, boolean recursive) {
    return withRoot(
        path,
        dir -> {
          String canonical = CellPaths.canonical(dir, path, false);
          List<String> names = CellDir.names(canonical);
          if (names.isEmpty()) {
            throw CellException.invalid("invalid_path", "the work folder itself cannot be deleted");
          }
          try (CellDir parent = dir.openDir(String.join("/", names.subList(0, names.size() - 1)))) {
            String name = names.getLast();
            Optional<FileStat> stat = parent.stat(name);
            if (stat.isEmpty()) {
              return false;
            }
            if (recursive) {
              return parent.removeTree(name);
            }
            parent.delete(name);
            return true;
          } catch (NoSuchFileException e) {
            return false;
          } catch (DirectoryNotEmptyException e) {
            throw CellException.conflict(
                "directory_not_empty",
                "'" + abbreviate(path) + "' is a folder that is not empty; delete it recursively");
          }
        });
  }

  @Override
  public boolean exists(String path) {
    return withRoot(path, dir -> stat(dir, CellPaths.canonical(dir, path, true)).isPresent());
  }

  @Override
  public boolean isDirectory(String path) {
    return withRoot(
        path,
        dir ->
            stat(dir, CellPaths.canonical(dir, path, true))
                .map(FileStat::isDirectory)
                .orElse(false));
  }

  /** The one translation of file-system failures into what a client is told. */
  private static CellException translate(String path, IOException e) {
    String p = abbreviate(path);
    if (e instanceof CellDir.InvalidCellPathException i) {
      return invalid(path, i.why());
    }
    if (e instanceof CellPaths.LeadsOutException l) {
      return invalid(path, l.getReason());
    }
    if (e instanceof CellDir.SymbolicLinkException) {
      return CellException.conflict(
          "symbolic_link", "'" + p + "' went through a symbolic link that changed; try again");
    }
    if (e instanceof CellDir.NotRegularFileException n) {
      return n.kind().equals("directory")
          ? CellException.conflict("is_a_directory", "'" + p + "' is a folder")
          : CellException.invalid(
              "not_a_file", "'" + p + "' is a " + n.kind() + "; only regular files are read");
    }
    if (e instanceof CellDir.IsADirectoryException) {
      return CellException.conflict("is_a_directory", "'" + p + "' is a folder");
    }
    if (e instanceof NoSuchFileException) {
      return notFound(path);
    }
    if (e instanceof NotDirectoryException || e instanceof FileAlreadyExistsException) {
      return CellException.conflict(
          "not_a_directory", "a parent of '" + p + "' is a file, not a folder");
    }
    if (e instanceof AccessDeniedException) {
      return CellException.conflict("access_denied", "'" + p + "' cannot be accessed");
    }
    if (e instanceof DirectoryNotEmptyException) {
      return CellException.conflict(
          "directory_not_empty",
          "'" + p + "' is a folder that is not empty; delete it recursively");
    }
    if (CellException.isDiskFull(e)) {
      return CellException.diskFull(
          "no space left in the cell to write '" + p + "'; free some and try again", e);
    }
    return CellException.internal("cannot access '" + p + "'", e);
  }

  private static CellException invalid(String path, String why) {
    return CellException.invalid("invalid_path", "path '" + abbreviate(path) + "' " + why);
  }

  private static String abbreviate(String path) {
    return path.length() <= 200 ? path : path.substring(0, 200) + "...";
  }

  private static CellException notFound(String path) {
    return CellException.notFound("not_found", "no file '" + abbreviate(path) + "' in the cell");
  }
}
