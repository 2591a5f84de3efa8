package dev.oncell.search.internal.files;

import dev.oncell.sandbox.fs.CellDir;
import dev.oncell.sandbox.fs.CellPaths;
import dev.oncell.sandbox.fs.CellTree;
import dev.oncell.sandbox.fs.FileStat;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Lists the files of a {@link Scope} that an index should look at: regular files (and symbolic
 * links to regular files inside the root) that git would not ignore, that match the glob and are
 * not larger than the limit. Skips {@code .git/}; counts what it skips, an ignored directory as
 * one.
 *
 * <p>The root belongs to a cell whose processes may change it during the walk, so the walk goes
 * through directory descriptors ({@link CellTree}) and never follows a link: a link to a file is
 * resolved by reading it ({@link CellPaths}), and the file is later opened again without following
 * anything ({@link #open}).
 */
public final class FileWalker {

  /**
   * A file to look at, with what {@code stat} says of it ({@code modified} in nanoseconds); {@code
   * source} is the path to read it from (differs from {@code path} for a link).
   */
  public record Entry(String path, String source, long modified, long size) {}

  /** The files found and the number skipped. */
  public record Result(List<Entry> files, int skipped) {}

  private final Path root;
  private final long maxBytes;
  private final Optional<String> exclude;

  /**
   * @param root the real path of the root
   */
  public FileWalker(Path root, long maxBytes) {
    this(root, maxBytes, Optional.empty());
  }

  /**
   * @param root the real path of the root
   * @param exclude a directory never walked (the index's own, should it lie under the root)
   */
  public FileWalker(Path root, long maxBytes, Optional<Path> exclude) {
    this.root = root;
    this.maxBytes = maxBytes;
    this.exclude =
        exclude
            .filter(p -> p.startsWith(root))
            .map(p -> root.relativize(p).toString().replace('\\', '/'));
  }

  /**
   * Opens the regular file {@code relative} of {@code root} for reading. Links inside the root are
   * resolved by reading them; the kernel never follows one.
   *
   * @throws IOException when it is gone, not a regular file, a link leading out, or a link was
   *     swapped in on the way
   */
  public static FileChannel open(Path root, String relative) throws IOException {
    try (CellDir dir = CellDir.open(root)) {
      try {
        return dir.openFileAt(relative).channel();
      } catch (CellDir.SymbolicLinkException link) {
        return dir.openFileAt(CellPaths.canonical(dir, relative, true)).channel();
      }
    }
  }

  /** Walks {@code scope}, keeping files that {@code glob} matches. */
  public Result walk(Scope scope, Optional<Glob> glob) throws IOException {
    List<Entry> files = new ArrayList<>();
    int[] skipped = {0};
    try (CellDir top = CellDir.open(root)) {
      IgnoreRules ignores = new IgnoreRules(top);
      if (!scope.prefix().isEmpty()
          && ignores.ignoredWithAncestors(scope.prefix(), scope.directory())) {
        return new Result(files, 1);
      }
      ignores.enter("");
      Visitor visitor = new Visitor(top, ignores, glob, files, skipped);
      if (!scope.directory()) {
        visitor.single(scope.prefix());
        return new Result(files, skipped[0]);
      }
      try {
        CellTree.Result r = CellTree.walk(top, scope.prefix(), visitor);
        skipped[0] += r.tooDeep() + r.unreadableNames();
      } catch (NoSuchFileException | NotDirectoryException | CellDir.SymbolicLinkException e) {
        return new Result(files, skipped[0] + 1); // the scope changed since it was resolved
      }
    }
    return new Result(files, skipped[0]);
  }

  private final class Visitor implements CellTree.Visitor {
    private final CellDir top;
    private final IgnoreRules ignores;
    private final Optional<Glob> glob;
    private final List<Entry> files;
    private final int[] skipped;

    Visitor(
        CellDir top, IgnoreRules ignores, Optional<Glob> glob, List<Entry> files, int[] skipped) {
      this.top = top;
      this.ignores = ignores;
      this.glob = glob;
      this.files = files;
      this.skipped = skipped;
    }

    @Override
    public boolean enter(String path, CellDir dir) {
      if (!path.isEmpty()) {
        ignores.enter(path);
      }
      return true;
    }

    @Override
    public boolean descend(String path, FileStat stat) {
      String name = path.substring(path.lastIndexOf('/') + 1);
      if (name.equals(".git") || exclude.map(path::equals).orElse(false)) {
        return false;
      }
      if (ignores.ignored(path, true)) {
        skipped[0]++;
        return false;
      }
      return true;
    }

    @Override
    public void entry(String path, FileStat stat, CellDir parent, String name) {
      if (stat.isDirectory()) {
        return; // a directory descend() refused, already counted
      }
      consider(path, stat);
    }

    @Override
    public void failed(String path, IOException e) {
      skipped[0]++;
    }

    void single(String path) throws IOException {
      List<String> names = CellDir.names(path);
      try (CellDir parent = top.openDir(String.join("/", names.subList(0, names.size() - 1)))) {
        Optional<FileStat> stat = parent.stat(names.getLast());
        if (stat.isPresent()) {
          consider(path, stat.get());
        }
      } catch (NoSuchFileException | NotDirectoryException | CellDir.SymbolicLinkException e) {
        skipped[0]++;
      }
    }

    private void consider(String rel, FileStat stat) {
      if (glob.isPresent() && !glob.get().matches(rel)) {
        return;
      }
      if (ignores.ignored(rel, false)) {
        skipped[0]++;
        return;
      }
      String source = rel;
      FileStat a = stat;
      if (stat.kind() == FileStat.Kind.SYMLINK) {
        Optional<String> target = linkInside(rel);
        Optional<FileStat> targetStat = target.flatMap(this::statOf);
        if (targetStat.isEmpty()) {
          skipped[0]++;
          return;
        }
        source = target.get();
        a = targetStat.get();
      }
      if (!a.isFile() || a.size() > maxBytes) {
        skipped[0]++;
        return;
      }
      files.add(new Entry(rel, source, a.modifiedNanos(), a.size()));
    }

    /** Where a link leads, when that is inside the root (and not in .git). */
    private Optional<String> linkInside(String rel) {
      try {
        String target = CellPaths.canonical(top, rel, true);
        if (target.isEmpty() || target.equals(".git") || target.startsWith(".git/")) {
          return Optional.empty();
        }
        return Optional.of(target);
      } catch (IOException e) {
        return Optional.empty();
      }
    }

    private Optional<FileStat> statOf(String rel) {
      List<String> names;
      try {
        names = CellDir.names(rel);
      } catch (IOException e) {
        return Optional.empty();
      }
      try (CellDir parent = top.openDir(String.join("/", names.subList(0, names.size() - 1)))) {
        return parent.stat(names.getLast());
      } catch (IOException e) {
        return Optional.empty();
      }
    }
  }
}
