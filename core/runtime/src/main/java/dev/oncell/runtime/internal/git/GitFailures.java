package dev.oncell.runtime.internal.git;

import dev.oncell.agent.ErrorKind;
import dev.oncell.agent.ShellResult;
import dev.oncell.agent.git.GitCodes;
import dev.oncell.runtime.CellException;
import java.util.Locale;

/**
 * Turns a failed git script into the {@link CellException} an agent can act on. git runs with
 * {@code LC_ALL=C}, so its English messages are stable enough to tell a conflict or an unknown name
 * from other failures; everything else is {@code git_failed} with git's first lines.
 */
final class GitFailures {

  private static final int MAX_LINES = 6;
  private static final int MAX_CHARS = 1000;

  private GitFailures() {}

  /** The failure for {@code result} of operation {@code op} in {@code folder}. */
  static CellException of(String op, String folder, ShellResult result) {
    String where = folder.isEmpty() ? "/work" : "/work/" + folder;
    if (result.timedOut()) {
      return new CellException(
          ErrorKind.UNAVAILABLE, "git_timeout", "git " + op + " in " + where + " timed out");
    }
    String stderr = result.stderr();
    String lower = stderr.toLowerCase(Locale.ROOT);
    return switch (result.exitCode()) {
      case GitScript.NOT_A_REPOSITORY -> notARepository(folder);
      case GitScript.UNKNOWN_REF -> unknownRef(lastLine(stderr));
      case GitScript.NOTHING_TO_COMMIT ->
          CellException.conflict(
              GitCodes.NOTHING_TO_COMMIT, "nothing is staged in " + where + ": nothing to commit");
      case GitScript.BRANCH_EXISTS ->
          CellException.conflict(GitCodes.BRANCH_EXISTS, "the branch already exists");
      default -> {
        if (lower.contains("would be overwritten by checkout")
            || lower.contains("would be overwritten by")) {
          yield CellException.conflict(
              GitCodes.CONFLICT,
              "git "
                  + op
                  + " would overwrite local changes in "
                  + where
                  + "; nothing changed: "
                  + first(stderr));
        }
        if (lower.contains("pathspec '") && lower.contains("did not match any")) {
          yield CellException.notFound(GitCodes.UNKNOWN_PATH, first(stderr));
        }
        yield new CellException(
            ErrorKind.CONFLICT,
            GitCodes.FAILED,
            "git "
                + op
                + " in "
                + where
                + " failed (exit "
                + result.exitCode()
                + "): "
                + first(stderr));
      }
    };
  }

  static CellException notARepository(String folder) {
    return CellException.notFound(
        GitCodes.NOT_A_REPOSITORY,
        (folder.isEmpty() ? "/work" : "/work/" + folder)
            + " is not the top folder of a git repository (git init or clone it first)");
  }

  static CellException unknownRef(String ref) {
    return CellException.notFound(
        GitCodes.UNKNOWN_REF,
        "'" + GitNames.printable(ref) + "' names no commit in the repository");
  }

  static CellException malformed(String op, String problem) {
    return new CellException(
        ErrorKind.CONFLICT, GitCodes.FAILED, "could not read git " + op + "'s answer: " + problem);
  }

  static CellException tooLarge(String op) {
    return new CellException(
        ErrorKind.TOO_LARGE,
        GitCodes.OUTPUT_TOO_LARGE,
        "git " + op + "'s answer is larger than the cell's output cap; narrow it (paths, max)");
  }

  private static String lastLine(String text) {
    String trimmed = text.strip();
    return trimmed.substring(trimmed.lastIndexOf('\n') + 1);
  }

  /** The first lines of git's standard error, without its {@code fatal: } prefixes. */
  private static String first(String stderr) {
    String text =
        String.join(
            "\n",
            stderr
                .strip()
                .lines()
                .limit(MAX_LINES)
                .map(l -> l.replaceFirst("^(fatal|error): ", ""))
                .toList());
    return text.length() > MAX_CHARS ? text.substring(0, MAX_CHARS) + "..." : text;
  }
}
