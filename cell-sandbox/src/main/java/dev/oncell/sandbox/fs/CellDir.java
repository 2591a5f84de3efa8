package dev.oncell.sandbox.fs;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A directory of a cell held open by its descriptor. Every name below it is resolved one component
 * at a time with {@code openat(O_NOFOLLOW)} from the descriptor of its parent, so no symbolic link
 * is ever followed and no path is ever resolved twice: a process of the cell that swaps a folder
 * for a link while the host works on it makes the operation fail, never leak.
 *
 * <p>Operations on a single name inside an open directory go through {@code /proc/self/fd/<fd>/
 * <name>}: the kernel resolves the magic link to the directory this object holds (not to whatever
 * now sits at its old path) and then that one name, which none of the operations used here follow
 * when it is a link ({@code O_CREAT|O_EXCL}, {@code rename}, {@code unlink}, {@code lstat}).
 *
 * <p>Only regular files are read, and they are opened with {@code O_NONBLOCK}, so a FIFO or a
 * device in the cell can never hold a host thread. Not thread-safe; close it (it holds a
 * descriptor).
 */
public final class CellDir implements AutoCloseable {

  private static final int DIR_FLAGS =
      Native.O_RDONLY | Native.O_DIRECTORY | Native.O_NOFOLLOW | Native.O_CLOEXEC;
  private static final int READ_FLAGS =
      Native.O_RDONLY | Native.O_NOFOLLOW | Native.O_NONBLOCK | Native.O_NOCTTY | Native.O_CLOEXEC;
  private static final int MAX_NAME_BYTES = 255;
  private static final SecureRandom RANDOM = new SecureRandom();

  /** How long one removal may take; a tree that keeps growing under it is given up. */
  static java.time.Duration removalBudget = java.time.Duration.ofMinutes(10);

  private final int fd;
  private final String path;
  private final String hostRoot;
  private boolean closed;

  private CellDir(int fd, String path, String hostRoot) {
    this.fd = fd;
    this.path = path;
    this.hostRoot = hostRoot;
  }

  /** The host path the root was opened at (for links the host itself wrote with it). */
  String hostRoot() {
    return hostRoot;
  }

  /**
   * Opens the root of a cell's tree. The root itself is a host path the server chose; a symbolic
   * link as its last component is refused all the same.
   */
  public static CellDir open(Path root) throws IOException {
    Objects.requireNonNull(root, "root");
    try {
      String host = root.toAbsolutePath().normalize().toString();
      return new CellDir(Native.openat(-100, host, DIR_FLAGS), "", host);
    } catch (Native.Errno e) {
      throw failure(e, root.toString(), "");
    }
  }

  /** The path of this directory relative to the root it was opened from ("" for the root). */
  public String path() {
    return path;
  }

  /**
   * Opens a directory below this one.
   *
   * @param relative a path of names separated by {@code /}; empty names and {@code .} are skipped
   * @throws InvalidCellPathException for {@code ..}, an absolute path, a NUL or an overlong name
   * @throws NoSuchFileException when a component is missing
   * @throws NotDirectoryException when a component is not a directory
   * @throws SymbolicLinkException when a component is a symbolic link
   */
  public CellDir openDir(String relative) throws IOException {
    return walk(names(relative), false);
  }

  /** As {@link #openDir}, creating missing directories on the way (mode 0755 as umask allows). */
  public CellDir createDirs(String relative) throws IOException {
    return walk(names(relative), true);
  }

  private CellDir walk(List<String> names, boolean create) throws IOException {
    checkOpen();
    int current = fd;
    String at = path;
    try {
      for (String name : names) {
        int next;
        try {
          next = Native.openat(current, name, DIR_FLAGS);
        } catch (Native.Errno e) {
          if (create && e.errno == Native.ENOENT) {
            try {
              Files.createDirectory(proc(current, name));
            } catch (FileAlreadyExistsException raced) {
              // made by someone else meanwhile: open what is there (never following it)
            }
            try {
              next = Native.openat(current, name, DIR_FLAGS);
            } catch (Native.Errno again) {
              throw failure(again, join(at, name), name);
            }
          } else if (e.errno == Native.ENOTDIR && isLink(current, name)) {
            throw new SymbolicLinkException(join(at, name));
          } else {
            throw failure(e, join(at, name), name);
          }
        }
        if (current != fd) {
          Native.close(current);
        }
        current = next;
        at = join(at, name);
      }
      if (current == fd) {
        current = dup();
      }
      return new CellDir(current, at, hostRoot);
    } catch (IOException | RuntimeException e) {
      if (current != fd) {
        Native.close(current);
      }
      throw e;
    }
  }

  private static boolean isLink(int dirFd, String name) {
    try {
      return Native.statx(dirFd, name, Native.AT_SYMLINK_NOFOLLOW).kind() == FileStat.Kind.SYMLINK;
    } catch (Native.Errno e) {
      return false;
    }
  }

  private int dup() throws IOException {
    try {
      return Native.openat(fd, ".", DIR_FLAGS);
    } catch (Native.Errno e) {
      throw failure(e, path, ".");
    }
  }

  /** The entry {@code name} of this directory, not following a link; empty when there is none. */
  public Optional<FileStat> stat(String name) throws IOException {
    checkOpen();
    checkName(name);
    try {
      return Optional.of(Native.statx(fd, name, Native.AT_SYMLINK_NOFOLLOW));
    } catch (Native.Errno e) {
      if (e.errno == Native.ENOENT) {
        return Optional.empty();
      }
      throw failure(e, join(path, name), name);
    }
  }

  /** This directory itself. */
  public FileStat stat() throws IOException {
    checkOpen();
    try {
      return Native.statx(fd, "", Native.AT_EMPTY_PATH);
    } catch (Native.Errno e) {
      throw failure(e, path, "");
    }
  }

  /** An open regular file and what it was when opened. */
  public record OpenFile(FileChannel channel, FileStat stat) implements AutoCloseable {
    public InputStream stream() {
      return java.nio.channels.Channels.newInputStream(channel);
    }

    @Override
    public void close() throws IOException {
      channel.close();
    }
  }

  /**
   * Opens the regular file {@code name} of this directory for reading.
   *
   * @throws NotRegularFileException for a FIFO, socket, device or directory (never blocks on one)
   * @throws SymbolicLinkException when {@code name} is a symbolic link
   */
  public OpenFile openFile(String name) throws IOException {
    checkOpen();
    checkName(name);
    int file;
    try {
      file = Native.openat(fd, name, READ_FLAGS);
    } catch (Native.Errno e) {
      if (e.errno == Native.ENXIO) {
        throw new NotRegularFileException(join(path, name), "a socket or device");
      }
      throw failure(e, join(path, name), name);
    }
    try {
      FileStat stat = Native.statx(file, "", Native.AT_EMPTY_PATH);
      if (!stat.isFile()) {
        throw new NotRegularFileException(
            join(path, name), stat.kind().name().toLowerCase(java.util.Locale.ROOT));
      }
      // Reopening the descriptor's magic link gives a channel on exactly the inode opened above.
      FileChannel channel =
          FileChannel.open(Path.of("/proc/self/fd/" + file), StandardOpenOption.READ);
      return new OpenFile(channel, stat);
    } catch (Native.Errno e) {
      throw failure(e, join(path, name), name);
    } finally {
      Native.close(file);
    }
  }

  /** Opens {@code relative} (a path) as a regular file: its folders through {@link #openDir}. */
  public OpenFile openFileAt(String relative) throws IOException {
    List<String> names = names(relative);
    if (names.isEmpty()) {
      throw new NotRegularFileException(path, "a directory");
    }
    try (CellDir parent = walk(names.subList(0, names.size() - 1), false)) {
      return parent.openFile(names.getLast());
    }
  }

  /**
   * Replaces (or creates) the regular file {@code name} with {@code content}: written to a fresh
   * temporary file beside it, synced, then renamed over it, so readers see the old or the new
   * content and a failure leaves the old one. A symbolic link at {@code name} is replaced, never
   * followed.
   *
   * @return the bytes written
   * @throws IsADirectoryException when {@code name} is a directory
   */
  public long write(String name, InputStream content) throws IOException {
    checkOpen();
    checkName(name);
    Optional<FileStat> existing = stat(name);
    if (existing.isPresent() && existing.get().isDirectory()) {
      throw new IsADirectoryException(join(path, name));
    }
    String tempName = ".oncell-" + HexFormat.of().formatHex(randomBytes()) + ".tmp";
    Path temp = proc(fd, tempName);
    long written = 0;
    try {
      try (FileChannel out =
          FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
        byte[] buffer = new byte[64 * 1024];
        int n;
        while ((n = content.read(buffer)) > 0) {
          ByteBuffer b = ByteBuffer.wrap(buffer, 0, n);
          while (b.hasRemaining()) {
            out.write(b);
          }
          written += n;
        }
        out.force(true);
      }
      try {
        Files.move(temp, proc(fd, name), StandardCopyOption.ATOMIC_MOVE);
      } catch (FileSystemException e) {
        if (stat(name).map(FileStat::isDirectory).orElse(false)) {
          throw new IsADirectoryException(join(path, name));
        }
        throw e;
      }
      return written;
    } finally {
      try {
        Files.deleteIfExists(temp);
      } catch (IOException ignored) {
        // the rename took it, or the folder went away
      }
    }
  }

  private static byte[] randomBytes() {
    byte[] b = new byte[8];
    RANDOM.nextBytes(b);
    return b;
  }

  /** Removes the entry {@code name} (a file, link, FIFO, socket or empty directory). */
  public void delete(String name) throws IOException {
    checkOpen();
    checkName(name);
    Files.delete(proc(fd, name));
  }

  /**
   * Removes the host folder {@code top} with everything in it (a cell's folders), refusing before
   * anything is touched when a filesystem is mounted on or under it. Messages name entries from
   * {@code top}'s own name down, never the host path above it.
   *
   * @return false when there was nothing to remove
   */
  public static boolean removeAll(Path top) throws IOException {
    Path abs = top.toAbsolutePath().normalize();
    String name = abs.getFileName().toString();
    Optional<String> mounted = MountPoints.under(abs);
    if (mounted.isPresent()) {
      throw new IOException(
          "a filesystem is still mounted at "
              + name
              + mounted.get()
              + "; unmount it, then delete again");
    }
    try (CellDir parent = open(abs.getParent())) {
      return parent.removeTree(name);
    }
  }

  /**
   * Removes {@code name} and, when it is a directory, everything in it, however deep: folders are
   * hoisted to the top of the tree being removed (a rename to a fresh name) before they are
   * emptied, so the walk never holds more than two descriptors nor builds a long path. Links are
   * removed, never followed; FIFOs and sockets are unlinked, never opened; entries whose names are
   * not UTF-8 are removed too. A folder on another filesystem than the top (a mount point) stops
   * the removal before anything on that filesystem is touched.
   *
   * @return false when there was nothing to remove
   * @throws IOException naming the entry relative to this directory, never a host path
   */
  public boolean removeTree(String name) throws IOException {
    checkOpen();
    checkName(name);
    Optional<FileStat> stat = stat(name);
    if (stat.isEmpty()) {
      return false;
    }
    String label = join(path, name);
    if (stat.get().isDirectory()) {
      try (CellDir top = openDir(name)) {
        top.empty(label);
      }
    }
    try {
      Files.delete(proc(fd, name));
    } catch (NoSuchFileException gone) {
      return true;
    } catch (IOException e) {
      throw cannotRemove(label, e);
    }
    return true;
  }

  /** Empties this directory (see {@link #removeTree}); {@code label} names it in messages. */
  private void empty(String label) throws IOException {
    long device = stat().device();
    long deadline = System.nanoTime() + removalBudget.toNanos();
    while (true) {
      if (System.nanoTime() > deadline) {
        // A process of the cell adding entries as fast as they go must not hold a host thread.
        throw new FileSystemException(
            label, null, "cannot be removed: it keeps changing; stop what writes to it and retry");
      }
      List<Path> children = rawChildren(fd);
      if (children.isEmpty()) {
        return;
      }
      for (Path child : children) {
        String where = label + "/" + printable(child.getFileName());
        if (!Files.isDirectory(child, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
          delete(child, where);
          continue;
        }
        int sub = openRaw(child, where);
        try {
          if (Native.statx(sub, "", Native.AT_EMPTY_PATH).device() != device) {
            throw new FileSystemException(
                where,
                null,
                "is another filesystem mounted in the tree; unmount it, then delete again");
          }
          for (Path grandchild : rawChildren(sub)) {
            String below = where + "/" + printable(grandchild.getFileName());
            if (Files.isDirectory(grandchild, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
              hoist(grandchild, below);
            } else {
              delete(grandchild, below);
            }
          }
        } catch (Native.Errno e) {
          throw failure(e, where, "");
        } finally {
          Native.close(sub);
        }
        delete(child, where);
      }
    }
  }

  /** Moves a folder to the top under a fresh name (never replacing anything there). */
  private void hoist(Path folder, String where) throws IOException {
    for (int attempt = 0; ; attempt++) {
      Path target = proc(fd, ".oncell-rm-" + HexFormat.of().formatHex(randomBytes()));
      try {
        Files.move(folder, target); // rename(2); fails rather than replace an existing name
        return;
      } catch (FileAlreadyExistsException taken) {
        if (attempt == 8) {
          throw cannotRemove(where, taken);
        }
      } catch (NoSuchFileException gone) {
        return;
      } catch (IOException e) {
        throw cannotRemove(where, e);
      }
    }
  }

  private static void delete(Path entry, String where) throws IOException {
    try {
      Files.deleteIfExists(entry);
    } catch (IOException e) {
      throw cannotRemove(where, e);
    }
  }

  /** A failure of the removal, naming the entry as the caller knows it and never a host path. */
  private static FileSystemException cannotRemove(String where, IOException e) {
    String reason =
        e instanceof AccessDeniedException
            ? "permission denied (an immutable or append-only attribute?)"
            : e instanceof DirectoryNotEmptyException
                ? "something was added to it meanwhile"
                : e instanceof FileSystemException f && f.getReason() != null
                    ? f.getReason()
                    : e.getClass().getSimpleName();
    FileSystemException failure =
        new FileSystemException(where, null, "cannot be removed: " + reason);
    failure.initCause(e);
    return failure;
  }

  /** A name for messages: not-UTF-8 bytes and control characters shown escaped. */
  private static String printable(Path name) {
    StringBuilder out = new StringBuilder();
    name.toString()
        .codePoints()
        .forEach(
            c -> {
              if (c < 0x20 || c == 0x7f || c == 0xFFFD) {
                out.append(String.format(java.util.Locale.ROOT, "\\u%04x", c));
              } else {
                out.appendCodePoint(c);
              }
            });
    return out.toString();
  }

  private static List<Path> rawChildren(int dirFd) throws IOException {
    List<Path> children = new ArrayList<>();
    try (DirectoryStream<Path> s = Files.newDirectoryStream(proc(dirFd, null))) {
      for (Path p : s) {
        children.add(p);
      }
    }
    return children;
  }

  /**
   * Opens a directory given as a /proc/self/fd path of ours (its name may not be UTF-8). The
   * parent's magic link and one name: {@code O_NOFOLLOW | O_DIRECTORY} apply to that name, so a
   * link or a FIFO swapped in fails instead of being followed or blocking.
   */
  private static int openRaw(Path procChild, String where) throws IOException {
    try {
      return Native.openatRaw(-100, procChild, DIR_FLAGS);
    } catch (Native.Errno e) {
      throw failure(e, where, "");
    }
  }

  /** Renames {@code from} in this directory to {@code to} in {@code target} (same filesystem). */
  public void move(String from, CellDir target, String to) throws IOException {
    checkOpen();
    checkName(from);
    checkName(to);
    try {
      Files.move(proc(fd, from), proc(target.fd, to), StandardCopyOption.ATOMIC_MOVE);
    } catch (AtomicMoveNotSupportedException e) {
      throw new FileSystemException(join(path, from), null, "cannot be moved to another disk");
    }
  }

  /**
   * The names in this directory, in no particular order. Names that are not valid UTF-8 cannot be
   * addressed by the host's API and are left out, counted in {@link Listing#unreadable}.
   */
  public Listing list() throws IOException {
    checkOpen();
    List<String> names = new ArrayList<>();
    int unreadable = 0;
    try (DirectoryStream<Path> children = Files.newDirectoryStream(proc(fd, null))) {
      for (Path child : children) {
        Path name = child.getFileName();
        String s = name.toString();
        if (!name.equals(name.getFileSystem().getPath(s)) || s.indexOf('\uFFFD') >= 0) {
          unreadable++;
          continue;
        }
        names.add(s);
      }
    }
    return new Listing(names, unreadable);
  }

  /** What {@link #list} found. */
  public record Listing(List<String> names, int unreadable) {}

  /** Reads the target of the symbolic link {@code name} (never following it). */
  public String readLink(String name) throws IOException {
    checkOpen();
    checkName(name);
    return Files.readSymbolicLink(proc(fd, name)).toString();
  }

  @Override
  public void close() {
    if (!closed) {
      closed = true;
      Native.close(fd);
    }
  }

  private void checkOpen() {
    if (closed) {
      throw new IllegalStateException("directory '" + path + "' is closed");
    }
  }

  private static Path proc(int fd, String name) {
    return name == null ? Path.of("/proc/self/fd/" + fd) : Path.of("/proc/self/fd/" + fd, name);
  }

  /** The names of a relative path, checked. */
  public static List<String> names(String relative) throws InvalidCellPathException {
    Objects.requireNonNull(relative, "relative");
    if (relative.indexOf('\0') >= 0) {
      throw new InvalidCellPathException(relative, "contains a NUL character");
    }
    if (relative.startsWith("/")) {
      throw new InvalidCellPathException(
          relative, "is absolute; paths are relative to the cell's work folder");
    }
    List<String> names = new ArrayList<>();
    for (String name : relative.split("/")) {
      if (name.isEmpty() || name.equals(".")) {
        continue;
      }
      if (name.equals("..")) {
        throw new InvalidCellPathException(relative, "contains '..'");
      }
      if (name.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > MAX_NAME_BYTES) {
        throw new InvalidCellPathException(
            relative, "has a name longer than " + MAX_NAME_BYTES + " bytes");
      }
      names.add(name);
    }
    return names;
  }

  private static void checkName(String name) throws InvalidCellPathException {
    List<String> names = names(name);
    if (names.size() != 1 || !names.getFirst().equals(name)) {
      throw new InvalidCellPathException(name, "is not a single file name");
    }
  }

  private static String join(String dir, String name) {
    return dir.isEmpty() ? name : dir + "/" + name;
  }

  /** Maps an errno to the exception a Java caller expects; messages hold only cell paths. */
  private static IOException failure(Native.Errno e, String at, String name) {
    return switch (e.errno) {
      case Native.ENOENT -> new NoSuchFileException(at);
      case Native.ENOTDIR -> new NotDirectoryException(at);
      case Native.ELOOP -> new SymbolicLinkException(at);
      case Native.EACCES -> new AccessDeniedException(at);
      case Native.ENAMETOOLONG -> new InvalidCellPathException(at, "is too long");
      default -> new FileSystemException(at, null, e.getMessage());
    };
  }

  /** A component of the path is a symbolic link, which the host never follows. */
  public static final class SymbolicLinkException extends FileSystemException {
    public SymbolicLinkException(String file) {
      super(file, null, "is or goes through a symbolic link");
    }
  }

  /** The entry is not a regular file (a FIFO, socket, device or directory). */
  public static final class NotRegularFileException extends FileSystemException {
    private final String kind;

    public NotRegularFileException(String file, String kind) {
      super(file, null, "is " + kind + ", not a regular file");
      this.kind = kind;
    }

    public String kind() {
      return kind;
    }
  }

  /** The entry is a directory where a file was expected. */
  public static final class IsADirectoryException extends FileSystemException {
    public IsADirectoryException(String file) {
      super(file, null, "is a directory");
    }
  }

  /** A path a client gave that can never name an entry of the cell. */
  public static final class InvalidCellPathException extends FileSystemException {
    private final String why;

    public InvalidCellPathException(String file, String why) {
      super(file, null, why);
      this.why = why;
    }

    public String why() {
      return why;
    }
  }
}
