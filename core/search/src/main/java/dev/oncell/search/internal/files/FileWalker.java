package dev.oncell.search.internal.files;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Lists the files of a {@link Scope} that an index should look at: regular files (and symbolic
 * links to regular files inside the root) that git would not ignore, that match the glob and are
 * not larger than the limit. Skips {@code .git/}; counts what it skips, an ignored directory as
 * one.
 */
public final class FileWalker {

  /** A file to look at, with what {@code stat} says of it ({@code modified} in nanoseconds). */
  public record Entry(String path, Path file, long modified, long size) {}

  /** The files found and the number skipped. */
  public record Result(List<Entry> files, int skipped) {}

  private final Path root;
  private final long maxBytes;
  private final Optional<Path> exclude;

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
    this.exclude = exclude;
  }

  /** Walks {@code scope}, keeping files that {@code glob} matches. */
  public Result walk(Scope scope, Optional<Glob> glob) throws IOException {
    IgnoreRules ignores = new IgnoreRules(root);
    List<Entry> files = new ArrayList<>();
    int[] skipped = {0};
    Path start = scope.prefix().isEmpty() ? root : root.resolve(scope.prefix());
    if (!scope.prefix().isEmpty()
        && ignores.ignoredWithAncestors(scope.prefix(), scope.directory())) {
      return new Result(files, 1);
    }
    ignores.enter("");
    Deque<String> dirs = new ArrayDeque<>();
    Files.walkFileTree(
        start,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
            if (dir.equals(start)) {
              dirs.push(scope.prefix());
              if (!scope.prefix().isEmpty()) {
                ignores.enter(scope.prefix());
              }
              return FileVisitResult.CONTINUE;
            }
            String name = dir.getFileName().toString();
            if (name.equals(".git") || exclude.isPresent() && dir.equals(exclude.get())) {
              return FileVisitResult.SKIP_SUBTREE;
            }
            String rel = child(dirs.peek(), name);
            if (ignores.ignored(rel, true)) {
              skipped[0]++;
              return FileVisitResult.SKIP_SUBTREE;
            }
            ignores.enter(rel);
            dirs.push(rel);
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult postVisitDirectory(Path dir, IOException exc) {
            dirs.pop();
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
            String rel =
                dirs.isEmpty() ? scope.prefix() : child(dirs.peek(), file.getFileName().toString());
            if (glob.isPresent() && !glob.get().matches(rel)) {
              return FileVisitResult.CONTINUE;
            }
            if (ignores.ignored(rel, false)) {
              skipped[0]++;
              return FileVisitResult.CONTINUE;
            }
            BasicFileAttributes a = attrs;
            if (attrs.isSymbolicLink()) {
              a = followInside(file);
              if (a == null) {
                skipped[0]++;
                return FileVisitResult.CONTINUE;
              }
            }
            if (!a.isRegularFile() || a.size() > maxBytes) {
              skipped[0]++;
              return FileVisitResult.CONTINUE;
            }
            files.add(
                new Entry(rel, file, a.lastModifiedTime().to(TimeUnit.NANOSECONDS), a.size()));
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult visitFileFailed(Path file, IOException exc) {
            skipped[0]++;
            return FileVisitResult.CONTINUE;
          }
        });
    return new Result(files, skipped[0]);
  }

  /** The attributes of a link's target when it is a regular file inside the root, else null. */
  private BasicFileAttributes followInside(Path link) {
    try {
      Path target = link.toRealPath();
      if (!target.startsWith(root)) {
        return null;
      }
      BasicFileAttributes a = Files.readAttributes(target, BasicFileAttributes.class);
      return a.isRegularFile() ? a : null;
    } catch (IOException e) {
      return null;
    }
  }

  private static String child(String dir, String name) {
    return dir.isEmpty() ? name : dir + "/" + name;
  }
}
