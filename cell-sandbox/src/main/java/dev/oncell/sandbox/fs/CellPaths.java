package dev.oncell.sandbox.fs;

import java.io.IOException;
import java.nio.file.FileSystemException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.Optional;

/**
 * Resolves symbolic links of a cell the way the cell itself sees them, without ever letting the
 * kernel follow one: a link's target is read and interpreted here, relative to the link's folder
 * or, when absolute, to {@code /work} (the cell's view of its root) or to the root's host path (a
 * link the host wrote). A target that leads out of the root is refused. The result is a path
 * without links, which {@link CellDir} then opens with {@code O_NOFOLLOW} on every name: a link
 * swapped in after this resolution makes that open fail.
 */
public final class CellPaths {

  /** As the kernel's own limit on links followed in one resolution. */
  static final int MAX_LINKS = 40;

  private static final String CELL_ROOT = "/work";

  private CellPaths() {}

  /** A link that leads out of the cell's root (or loops). */
  public static final class LeadsOutException extends FileSystemException {
    public LeadsOutException(String file, String why) {
      super(file, null, why);
    }
  }

  /**
   * The path that {@code relative} names once links inside the root are resolved.
   *
   * @param followLast whether a link as the last name is resolved too (false for delete and listing
   *     entries, which act on the link itself)
   * @throws CellDir.InvalidCellPathException for a malformed path
   * @throws LeadsOutException when a link leads out of the root, or there are too many
   */
  public static String canonical(CellDir root, String relative, boolean followLast)
      throws IOException {
    // Names that came from a link's target are marked: a link that points nowhere is refused (as
    // the cell could otherwise make the host create files wherever its link text says).
    record Part(String name, boolean fromLink) {}
    Deque<Part> todo = new ArrayDeque<>();
    for (String n : CellDir.names(relative)) {
      todo.add(new Part(n, false));
    }
    List<String> resolved = new ArrayList<>();
    int links = 0;
    boolean missing = false;
    CellDir current = root.openDir("");
    try {
      while (!todo.isEmpty()) {
        Part part = todo.pop();
        String name = part.name();
        if (name.isEmpty() || name.equals(".")) {
          continue;
        }
        if (name.equals("..")) {
          if (resolved.isEmpty()) {
            throw new LeadsOutException(relative, "leads out of the cell through a symbolic link");
          }
          resolved.removeLast();
          if (!missing) {
            current.close();
            current = root.openDir(String.join("/", resolved));
          }
          continue;
        }
        if (missing) {
          resolved.add(name);
          continue;
        }
        Optional<FileStat> stat = current.stat(name);
        if (stat.isEmpty()) {
          if (part.fromLink()) {
            throw new LeadsOutException(
                relative, "goes through a symbolic link that points nowhere");
          }
          missing = true;
          resolved.add(name);
          continue;
        }
        switch (stat.get().kind()) {
          case SYMLINK -> {
            if (todo.isEmpty() && !followLast) {
              resolved.add(name);
              continue;
            }
            if (++links > MAX_LINKS) {
              throw new LeadsOutException(relative, "goes through too many symbolic links");
            }
            String target;
            try {
              target = current.readLink(name);
            } catch (java.nio.file.NotLinkException | java.nio.file.NoSuchFileException changed) {
              // swapped between the stat and the read: report it, never guess
              throw new CellDir.SymbolicLinkException(String.join("/", resolved) + "/" + name);
            }
            if (target.startsWith("/")) {
              String host = root.hostRoot();
              if (host != null && (target.equals(host) || target.startsWith(host + "/"))) {
                target = target.substring(host.length());
              } else if (target.equals(CELL_ROOT) || target.startsWith(CELL_ROOT + "/")) {
                target = target.substring(CELL_ROOT.length());
              } else {
                throw new LeadsOutException(
                    relative, "leads out of the cell through a symbolic link");
              }
              resolved.clear();
              current.close();
              current = root.openDir("");
            }
            List<String> parts = new ArrayList<>(Arrays.asList(target.split("/")));
            for (int i = parts.size() - 1; i >= 0; i--) {
              todo.push(new Part(parts.get(i), true));
            }
          }
          case DIRECTORY -> {
            CellDir next = current.openDir(name);
            current.close();
            current = next;
            resolved.add(name);
          }
          default -> {
            resolved.add(name);
            missing = true; // nothing below a file: let the open say so
          }
        }
      }
      return String.join("/", resolved);
    } finally {
      current.close();
    }
  }
}
