package dev.oncell.runtime.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SecureDirectoryStream;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Removes a directory tree that a cell made, whatever its shape, without following a symbolic link
 * and without ever building a long path.
 *
 * <p>Every operation is relative to an open directory ({@link SecureDirectoryStream}: {@code
 * openat}, {@code unlinkat}, {@code renameat}, {@code fstatat} with {@code AT_SYMLINK_NOFOLLOW} on
 * Linux), and names are the raw bytes the directory gave back, so a name that is not UTF-8 is
 * removed like any other. To bound both the path length and the open descriptors whatever the
 * depth, the tree is flattened: each directory directly under the top is emptied by moving its
 * sub-directories up to the top under fresh names and unlinking everything else, then removed;
 * passes repeat until the top is empty. At most three directories are open at once and each entry
 * is handled once, so a chain of 20,000 folders costs what 20,000 folders side by side cost.
 *
 * <p>What a cell can leave, and how each is handled:
 *
 * <ul>
 *   <li>symbolic links (to another cell, to host files): unlinked, never followed, their targets
 *       untouched;
 *   <li>FIFOs, sockets, device nodes: unlinked, never opened (only an entry that {@code fstatat}
 *       calls a directory is opened, and the opened descriptor must be that very inode);
 *   <li>modes 000: the server runs as root, which reads and searches any directory; without root a
 *       directory that cannot be opened gets mode 0700 and is tried once more;
 *   <li>immutable and append-only attributes: a cell cannot set them (they need {@code
 *       CAP_LINUX_IMMUTABLE}, which no sandbox grants; {@code CellDeletionTest} checks that {@code
 *       chattr +i} fails inside a cell); one set by someone else stops the removal with EPERM;
 *   <li>mounts: a cell's mounts live in its sandbox's mount namespace and never show here; a mount
 *       the host left (a disk not released) makes the removal stop before it touches anything, from
 *       {@code /proc/self/mountinfo}, and a directory on another filesystem than the top is never
 *       entered.
 * </ul>
 *
 * <p>The tree must not change while it is removed (callers close the cell's sandbox first): a
 * directory swapped for another file between the check and the open is detected and stops the
 * removal, but a FIFO swapped in there could make the open wait for a writer.
 *
 * <p>Failures are {@link IOException}s whose messages name entries relative to the top, never a
 * host path, so they can be shown to whoever owns the tree.
 */
final class TreeRemover {

  private static final LinkOption NOFOLLOW = LinkOption.NOFOLLOW_LINKS;
  private static final Path SELF = Path.of(".");
  private static final Pattern FILE_KEY = Pattern.compile("\\(dev=([0-9a-f]+),ino=\\d+\\)");
  private static final Path MOUNTINFO = Path.of("/proc/self/mountinfo");

  private final String label;
  private long fresh;

  private TreeRemover(String label) {
    this.label = label;
  }

  /**
   * Removes {@code top} and everything under it; nothing happens if it does not exist. A symbolic
   * link or a file at {@code top} is unlinked.
   *
   * @throws IOException when something cannot be removed; what was removed stays removed
   */
  static void remove(Path top) throws IOException {
    Path absolute = top.toAbsolutePath();
    Path parent = absolute.getParent();
    Path name = absolute.getFileName();
    if (parent == null || name == null) {
      throw new IllegalArgumentException("cannot remove the root of a filesystem");
    }
    new TreeRemover(printable(name)).removeTop(parent, name, absolute);
  }

  /**
   * Removes the entry {@code name} of the open directory {@code parent} and everything under it,
   * for callers that reached {@code parent} without following links (a recursive delete inside a
   * cell's work folder). Only the device check keeps it on one filesystem; messages name entries
   * from {@code label}.
   *
   * @throws IOException when something cannot be removed; what was removed stays removed
   */
  static void remove(SecureDirectoryStream<Path> parent, Path name, String label)
      throws IOException {
    if (name.getNameCount() != 1) {
      throw new IllegalArgumentException("not one name: " + printable(name));
    }
    new TreeRemover(label).removeIn(parent, name, null);
  }

  private void removeTop(Path parent, Path name, Path top) throws IOException {
    try (DirectoryStream<Path> stream = Files.newDirectoryStream(parent)) {
      if (!(stream instanceof SecureDirectoryStream<Path> dir)) {
        throw new IOException(
            "this platform has no directory-relative file operations; refusing to remove " + label);
      }
      removeIn(dir, name, top);
    } catch (NoSuchFileException e) {
      // the parent is gone, and so is the tree
    }
  }

  /** Removes {@code name} of {@code dir}; {@code top}, when known, is checked for mounts first. */
  private void removeIn(SecureDirectoryStream<Path> dir, Path name, Path top) throws IOException {
    BasicFileAttributes attrs = attributes(dir, name);
    if (attrs == null) {
      return;
    }
    if (!attrs.isDirectory()) {
      deleteFile(dir, name, label);
      return;
    }
    if (top != null) {
      refuseMounts(top);
    }
    long device = device(attrs);
    try (SecureDirectoryStream<Path> tree = open(dir, name, attrs, label)) {
      empty(tree, device);
    }
    try {
      dir.deleteDirectory(name);
    } catch (NoSuchFileException e) {
      // gone already
    } catch (IOException e) {
      throw failure("cannot remove the folder itself", label, e);
    }
  }

  /** Empties {@code top}: pass after pass until a listing of it finds nothing. */
  private void empty(SecureDirectoryStream<Path> top, long device) throws IOException {
    boolean seen = true;
    while (seen) {
      seen = false;
      try (SecureDirectoryStream<Path> listing = top.newDirectoryStream(SELF, NOFOLLOW)) {
        for (Path entry : listing) {
          seen = true;
          removeEntry(top, entry.getFileName(), device);
        }
      }
    }
  }

  /**
   * Removes one entry of the top: a non-directory is unlinked; a directory has its sub-directories
   * moved up to the top and everything else unlinked, then goes. A directory that is not empty by
   * then (it cannot be, unless the tree changes under us) is left for the next pass.
   */
  private void removeEntry(SecureDirectoryStream<Path> top, Path name, long device)
      throws IOException {
    BasicFileAttributes attrs = attributes(top, name);
    if (attrs == null) {
      return;
    }
    String where = label + "/" + printable(name);
    if (!attrs.isDirectory()) {
      deleteFile(top, name, where);
      return;
    }
    if (device(attrs) != device) {
      throw new IOException(
          "another filesystem is mounted at an entry of " + label + "; refusing to enter it");
    }
    try (SecureDirectoryStream<Path> dir = open(top, name, attrs, where)) {
      for (Path entry : dir) {
        Path child = entry.getFileName();
        BasicFileAttributes childAttrs = attributes(dir, child);
        if (childAttrs == null) {
          continue;
        }
        if (childAttrs.isDirectory()) {
          Path target = freshName(top);
          try {
            dir.move(child, top, target);
          } catch (IOException e) {
            throw failure("cannot move a folder up", where + "/" + printable(child), e);
          }
        } else {
          deleteFile(dir, child, where + "/" + printable(child));
        }
      }
    }
    try {
      top.deleteDirectory(name);
    } catch (DirectoryNotEmptyException | NoSuchFileException e) {
      // filled again or gone: the next pass sees it
    } catch (IOException e) {
      throw failure("cannot remove a folder", where, e);
    }
  }

  /** Opens the directory {@code name} of {@code dir}, checking it is the inode {@code seen}. */
  private static SecureDirectoryStream<Path> open(
      SecureDirectoryStream<Path> dir, Path name, BasicFileAttributes seen, String where)
      throws IOException {
    SecureDirectoryStream<Path> opened;
    try {
      opened = dir.newDirectoryStream(name, NOFOLLOW);
    } catch (AccessDeniedException e) {
      // Only without root: make the folder readable and searchable, then try once more.
      try {
        dir.getFileAttributeView(name, PosixFileAttributeView.class, NOFOLLOW)
            .setPermissions(PosixFilePermissions.fromString("rwx------"));
        opened = dir.newDirectoryStream(name, NOFOLLOW);
      } catch (IOException again) {
        throw failure("cannot open a folder", where, again);
      }
    } catch (IOException e) {
      throw failure("cannot open a folder", where, e);
    }
    try {
      BasicFileAttributes now =
          opened.getFileAttributeView(BasicFileAttributeView.class).readAttributes();
      if (!now.isDirectory() || !Objects.equals(now.fileKey(), seen.fileKey())) {
        throw new IOException("'" + where + "' changed while it was being removed");
      }
      return opened;
    } catch (IOException | RuntimeException e) {
      opened.close();
      throw e;
    }
  }

  /** A name not used in {@code top}: where a folder is moved up to. */
  private Path freshName(SecureDirectoryStream<Path> top) throws IOException {
    while (true) {
      Path candidate = Path.of(".oncell-removing-" + Long.toString(fresh++, 36));
      if (attributes(top, candidate) == null) {
        return candidate;
      }
    }
  }

  /** The entry's own attributes (a link's, not its target's), or null if it does not exist. */
  private static BasicFileAttributes attributes(SecureDirectoryStream<Path> dir, Path name)
      throws IOException {
    try {
      return dir.getFileAttributeView(name, BasicFileAttributeView.class, NOFOLLOW)
          .readAttributes();
    } catch (NoSuchFileException e) {
      return null;
    } catch (IOException e) {
      throw failure("cannot read the attributes of an entry", printable(name), e);
    }
  }

  private static void deleteFile(SecureDirectoryStream<Path> dir, Path name, String where)
      throws IOException {
    try {
      dir.deleteFile(name);
    } catch (NoSuchFileException e) {
      // gone already
    } catch (IOException e) {
      throw failure("cannot remove a file", where, e);
    }
  }

  /**
   * The device of a file, from its file key: {@code (dev=<hex>,ino=<n>)} on Linux, the only way the
   * JDK tells it without a path.
   */
  private static long device(BasicFileAttributes attrs) throws IOException {
    Matcher m = FILE_KEY.matcher(String.valueOf(attrs.fileKey()));
    if (!m.matches()) {
      throw new IOException("cannot tell which filesystem a folder is on; refusing to remove it");
    }
    return Long.parseUnsignedLong(m.group(1), 16);
  }

  /** Refuses a tree with anything mounted on or under it, before touching it. */
  private void refuseMounts(Path top) throws IOException {
    if (!Files.isReadable(MOUNTINFO)) {
      return; // not Linux: the device check alone keeps the removal on one filesystem
    }
    String real = top.toRealPath().toString();
    List<String> lines = Files.readAllLines(MOUNTINFO, StandardCharsets.UTF_8);
    for (String line : lines) {
      String[] fields = line.split(" ");
      if (fields.length < 5) {
        continue;
      }
      String point = unescape(fields[4]);
      if (point.equals(real) || point.startsWith(real + "/")) {
        String inside = point.equals(real) ? "" : point.substring(real.length());
        throw new IOException(
            "a filesystem is still mounted at "
                + label
                + printable(inside)
                + "; unmount it, then delete again");
      }
    }
  }

  /** Undoes mountinfo's octal escapes ({@code \040} for a space and so on). */
  static String unescape(String field) {
    StringBuilder out = new StringBuilder(field.length());
    for (int i = 0; i < field.length(); i++) {
      char c = field.charAt(i);
      if (c == '\\' && i + 3 < field.length()) {
        String octal = field.substring(i + 1, i + 4);
        if (octal.chars().allMatch(d -> d >= '0' && d <= '7')) {
          out.append((char) Integer.parseInt(octal, 8));
          i += 3;
          continue;
        }
      }
      out.append(c);
    }
    return out.toString();
  }

  private static IOException failure(String what, String where, IOException e) {
    String reason =
        e instanceof AccessDeniedException
            ? "permission denied"
            : e instanceof FileSystemException fs && fs.getReason() != null
                ? fs.getReason()
                : e.getClass().getSimpleName();
    // The cause names host paths: it is for the server's log, the message for anyone.
    return new IOException(what + " '" + where + "': " + reason, e);
  }

  /** A name for messages: at most 80 characters, control characters escaped. */
  static String printable(Object name) {
    String text = String.valueOf(name);
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < text.length() && out.length() < 80; i++) {
      char c = text.charAt(i);
      out.append(Character.isISOControl(c) ? String.format("\\x%02x", (int) c) : c);
    }
    return out.length() < 80 ? out.toString() : out + "...";
  }
}
