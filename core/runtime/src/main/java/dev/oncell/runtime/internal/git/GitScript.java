package dev.oncell.runtime.internal.git;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One git operation as a short {@code bash} script run in the cell: a repository check, checks of
 * revisions, then git commands, every argument quoted. The script's own failures exit with codes
 * git never uses ({@link #NOT_A_REPOSITORY} and up), so the caller tells them from git's.
 */
final class GitScript {

  /** The folder is not the top of a work tree. */
  static final int NOT_A_REPOSITORY = 98;

  /** A revision names no commit; the revision is the last line of standard error. */
  static final int UNKNOWN_REF = 97;

  /** Nothing is staged for a commit. */
  static final int NOTHING_TO_COMMIT = 96;

  /** The branch to create exists. */
  static final int BRANCH_EXISTS = 95;

  /** A clone's destination exists and is not empty. */
  static final int NOT_EMPTY = 94;

  /** The named remote is not configured. */
  static final int UNKNOWN_REMOTE = 93;

  /** Written between two outputs of one script; no record of git's {@code -z} lists starts so. */
  static final char SEPARATOR = '\u0001';

  /**
   * Options before every git subcommand: paths are literal, never quoted in output, hooks,
   * fsmonitor, signing, colours and external diff tools are off, and the cell's own files are
   * trusted whoever owns them (the sandbox's user may differ from the files' owner).
   */
  private static final String GIT =
      "git --no-pager --literal-pathspecs"
          + " -c core.quotePath=false -c core.hooksPath=/dev/null -c core.fsmonitor=false"
          + " -c safe.directory='*' -c color.ui=false -c commit.gpgSign=false"
          + " -c advice.detachedHead=false -c diff.noprefix=false -c diff.mnemonicPrefix=false"
          + " -c diff.relative=false -c log.showSignature=false -c i18n.logOutputEncoding=UTF-8";

  private final List<String> lines = new ArrayList<>();

  /** A script that first checks that the working folder is the top of a repository. */
  GitScript() {
    this(true);
  }

  /** A script for a folder that is not a repository yet (a clone's parent). */
  static GitScript outsideRepository() {
    return new GitScript(false);
  }

  private GitScript(boolean checkRepository) {
    if (!checkRepository) {
      return;
    }
    lines.add(
        "[ \"$("
            + GIT
            + " rev-parse --is-inside-work-tree 2>/dev/null)\" = true ] || exit "
            + NOT_A_REPOSITORY);
  }

  /**
   * The fixed environment of every git call; {@code folder} relative to {@code /work}. Discovery
   * stops at the folder ({@code GIT_CEILING_DIRECTORIES} is its parent), so a folder inside another
   * repository is not taken for that one.
   */
  static Map<String, String> environment(String folder) {
    Map<String, String> env = new TreeMap<>();
    env.put("LC_ALL", "C");
    env.put("GIT_TERMINAL_PROMPT", "0");
    env.put("GIT_PAGER", "cat");
    env.put("PAGER", "cat");
    env.put("GIT_CONFIG_NOSYSTEM", "1");
    env.put("GIT_CONFIG_GLOBAL", "/dev/null");
    env.put("GIT_OPTIONAL_LOCKS", "0");
    env.put("GIT_LITERAL_PATHSPECS", "1");
    String path = folder.isEmpty() ? "/work" : "/work/" + folder;
    String parent = path.substring(0, path.lastIndexOf('/'));
    env.put("GIT_CEILING_DIRECTORIES", parent.isEmpty() ? "/" : parent);
    return env;
  }

  /** Fails with {@link #UNKNOWN_REF} unless {@code revision} names a commit. */
  GitScript requireCommit(String revision) {
    lines.add(
        GIT
            + " rev-parse -q --verify "
            + ShellQuote.quote(revision + "^{commit}")
            + " >/dev/null || { printf '%s\\n' "
            + ShellQuote.quote(revision)
            + " >&2; exit "
            + UNKNOWN_REF
            + "; }");
    return this;
  }

  /** Fails with {@code code} if the git command succeeds (exit 0). */
  GitScript failIf(int code, String... args) {
    lines.add("if " + GIT + words(List.of(args)) + " >/dev/null 2>&1; then exit " + code + "; fi");
    return this;
  }

  /** A git command whose failure ends the script with git's exit code. */
  GitScript git(List<String> args) {
    lines.add(GIT + words(args) + " || exit $?");
    return this;
  }

  /** A git command whose failure is ignored (its output says enough). */
  GitScript gitOrNothing(List<String> args) {
    lines.add(GIT + words(args) + " || true");
    return this;
  }

  /** Fails with {@link #UNKNOWN_REMOTE} unless {@code remote} is a configured remote. */
  GitScript requireRemote(String remote) {
    lines.add(
        GIT
            + " remote get-url -- "
            + ShellQuote.quote(remote)
            + " >/dev/null 2>&1 || exit "
            + UNKNOWN_REMOTE);
    return this;
  }

  /** A line of the script's own (a check), as written: quote every value in it. */
  GitScript raw(String line) {
    lines.add(line);
    return this;
  }

  /** Writes {@link #SEPARATOR} to standard output. */
  GitScript separator() {
    lines.add("printf '\\001'");
    return this;
  }

  String text() {
    return String.join("\n", lines) + "\n";
  }

  private static String words(List<String> args) {
    StringBuilder out = new StringBuilder();
    for (String arg : args) {
      out.append(' ').append(ShellQuote.quote(arg));
    }
    return out.toString();
  }
}
