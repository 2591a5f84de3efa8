package dev.oncell.plugins.migration;

import dev.oncell.agent.Context;
import dev.oncell.agent.Failure;
import dev.oncell.agent.ShellResult;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The repository in the cell as the agent reaches it: the tracked files come from {@code git
 * ls-files} run in the cell, their content through {@code ctx.store()}, which refuses a link that
 * leads out; links and submodules are never rewritten. Nothing here opens the cell's files on the
 * host by path.
 */
final class Worktree {

  /** Git's modes of a symbolic link and of a submodule: never read, never rewritten. */
  private static final String LINK = "120000";

  private static final String SUBMODULE = "160000";

  /** The store's code for a file over the host's read limit. */
  private static final String FILE_TOO_LARGE = "file_too_large";

  private final Context ctx;
  private final Set<String> tooLarge = new TreeSet<>();

  Worktree(Context ctx) {
    this.ctx = ctx;
  }

  /** The tracked regular files in {@code scope}, in git's (byte) order. */
  List<String> files(Scope scope) {
    ShellResult r =
        ctx.shell("git --literal-pathspecs ls-files --stage -z -- " + scope.gitPathspec());
    if (r.failed()) {
      throw new IllegalStateException("git ls-files failed: " + r.stderr().strip());
    }
    if (r.truncated()) {
      throw MigrationException.invalid(
          MigrationException.INVALID_SCOPE,
          "the repository lists more files than one migration takes: give a narrower scope");
    }
    List<String> files = new ArrayList<>();
    for (String entry : r.stdout().split("\0")) {
      int tab = entry.indexOf('\t');
      if (tab < 0) {
        continue;
      }
      String mode = entry.substring(0, entry.indexOf(' '));
      if (!mode.equals(LINK) && !mode.equals(SUBMODULE)) {
        files.add(entry.substring(tab + 1));
      }
    }
    return files;
  }

  /** Tracked files of the repository the working tree changes or deletes. */
  SortedSet<String> modified() {
    return paths("git --literal-pathspecs diff --name-only -z --no-renames");
  }

  /** Files of the working tree that git does not track and does not ignore. */
  SortedSet<String> untracked() {
    return paths("git --literal-pathspecs ls-files --others --exclude-standard -z");
  }

  private SortedSet<String> paths(String command) {
    ShellResult r = ctx.shell(command);
    if (r.failed()) {
      throw new IllegalStateException(command + " failed: " + r.stderr().strip());
    }
    SortedSet<String> paths = new TreeSet<>();
    for (String p : r.stdout().split("\0")) {
      if (!p.isEmpty()) {
        paths.add(p);
      }
    }
    return paths;
  }

  /**
   * The bytes of {@code path}, when it is a file the host will read: one over the host's read limit
   * ({@code file_too_large}) is empty here and remembered ({@link #tooLarge}), so the caller can
   * say it skipped it rather than fail the run.
   */
  Optional<byte[]> read(String path) {
    if (!ctx.store().exists(path) || ctx.store().isDirectory(path)) {
      return Optional.empty();
    }
    try {
      return Optional.of(ctx.store().read(path));
    } catch (RuntimeException e) {
      if (e instanceof Failure f && f.code().equals(FILE_TOO_LARGE)) {
        tooLarge.add(path);
        return Optional.empty();
      }
      throw e;
    }
  }

  /** Whether {@code path} was left unread because it is larger than the host reads. */
  boolean tooLarge(String path) {
    return tooLarge.contains(path);
  }

  Optional<String> text(String path) {
    return read(path).map(b -> new String(b, StandardCharsets.UTF_8));
  }

  void write(String path, String text) {
    ctx.store().write(path, text.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Puts {@code tracked} back as the last commit has them and deletes {@code created}: a step's
   * changes undone, and nothing else of the working tree touched.
   */
  void restore(Collection<String> tracked, Collection<String> created) {
    if (!tracked.isEmpty()) {
      StringBuilder cmd = new StringBuilder("git --literal-pathspecs checkout HEAD --");
      tracked.forEach(p -> cmd.append(' ').append(quote(p)));
      ShellResult r = ctx.shell(cmd.toString());
      if (r.failed()) {
        throw new IllegalStateException("could not revert the step: " + r.stderr().strip());
      }
    }
    created.forEach(p -> ctx.store().delete(p, false));
  }

  static String quote(String word) {
    return "'" + word.replace("'", "'\\''") + "'";
  }
}
