package dev.oncell.search.internal.files;

import dev.oncell.search.SearchException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;

/**
 * A requested path resolved inside the root.
 *
 * @param prefix relative to the root with {@code /} separators; empty for the whole root
 * @param directory whether it names a directory (otherwise one file)
 */
public record Scope(String prefix, boolean directory) {

  /** The whole root. */
  public static Scope all() {
    return new Scope("", true);
  }

  /**
   * Resolves {@code path} (relative to {@code root}, or absolute inside it; empty or {@code .} for
   * the root).
   *
   * @param root the real path of the root
   * @throws SearchException {@code invalid_path} when it escapes the root or does not exist
   */
  public static Scope resolve(Path root, String path) {
    return resolve(root, root, path);
  }

  /**
   * As {@link #resolve(Path, String)}, where an absolute path may be given under the root as it was
   * named ({@code given}) or under its real path.
   */
  public static Scope resolve(Path root, Path given, String path) {
    String p = path.strip();
    if (p.isEmpty() || p.equals(".") || p.equals("./")) {
      return all();
    }
    if (p.indexOf('\0') >= 0) {
      throw invalid(path, "it contains a NUL character");
    }
    Path resolved;
    try {
      Path asked = Path.of(p);
      resolved = (asked.isAbsolute() ? asked : root.resolve(asked)).normalize();
    } catch (InvalidPathException e) {
      throw invalid(path, "it is not a valid path");
    }
    if (!resolved.startsWith(root) && resolved.startsWith(given)) {
      resolved = root.resolve(given.relativize(resolved));
    }
    if (!resolved.startsWith(root)) {
      throw invalid(path, "it is outside the indexed folder; give a path relative to it");
    }
    if (!Files.exists(resolved)) {
      throw invalid(path, "no such file or directory under the indexed folder");
    }
    try {
      Path real = resolved.toRealPath();
      if (!real.startsWith(root)) {
        throw invalid(path, "it is a symbolic link that leads outside the indexed folder");
      }
    } catch (IOException e) {
      throw invalid(path, "it cannot be read (" + e.getMessage() + ")");
    }
    String rel = root.relativize(resolved).toString().replace('\\', '/');
    if (rel.equals(".git") || rel.startsWith(".git/")) {
      throw invalid(path, "the .git folder is never indexed");
    }
    return new Scope(rel, Files.isDirectory(resolved));
  }

  private static SearchException invalid(String path, String why) {
    return SearchException.invalid("invalid_path", "invalid path '" + path + "': " + why);
  }

  /** Whether the relative {@code path} is in this scope. */
  public boolean contains(String path) {
    if (prefix.isEmpty()) {
      return true;
    }
    if (!directory) {
      return path.equals(prefix);
    }
    return path.length() > prefix.length()
        && path.startsWith(prefix)
        && path.charAt(prefix.length()) == '/';
  }
}
