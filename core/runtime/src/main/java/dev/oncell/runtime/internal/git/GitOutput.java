package dev.oncell.runtime.internal.git;

import dev.oncell.agent.git.CommitInfo;
import dev.oncell.agent.git.FileState;
import dev.oncell.agent.git.GitDiff;
import dev.oncell.agent.git.GitStatus;
import dev.oncell.agent.git.Person;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Parsers of git's machine-readable outputs: {@code status --porcelain=v2 -z --branch}, {@code diff
 * --numstat -z} and {@code log -z} with {@link #LOG_FORMAT}. The cell controls the repository, so
 * anything git prints may be hostile: a record that does not parse fails the call with {@code
 * git_failed}, never with a half-read answer.
 */
final class GitOutput {

  /** Ten NUL-separated fields per commit; {@code tformat} with {@code -z} ends each with a NUL. */
  static final String LOG_FORMAT =
      "tformat:%H%x00%P%x00%an%x00%ae%x00%at%x00%cn%x00%ce%x00%ct%x00%s%x00%b";

  private static final int LOG_FIELDS = 10;

  /** Thrown for output that does not have the expected shape. */
  static final class MalformedOutputException extends RuntimeException {
    MalformedOutputException(String message) {
      super(message);
    }
  }

  private GitOutput() {}

  static GitStatus status(String out) {
    Optional<String> branch = Optional.empty();
    Optional<String> head = Optional.empty();
    List<GitStatus.Entry> entries = new ArrayList<>();
    List<String> untracked = new ArrayList<>();
    List<String> records = new ArrayList<>(Arrays.asList(out.split("\0", -1)));
    if (!records.isEmpty() && records.getLast().isEmpty()) {
      records.removeLast();
    }
    for (int i = 0; i < records.size(); i++) {
      String record = records.get(i);
      if (record.startsWith("# branch.oid ")) {
        String oid = record.substring("# branch.oid ".length());
        head = oid.equals("(initial)") ? Optional.empty() : Optional.of(oid);
      } else if (record.startsWith("# branch.head ")) {
        String name = record.substring("# branch.head ".length());
        branch = name.equals("(detached)") ? Optional.empty() : Optional.of(name);
      } else if (record.startsWith("# ")) {
        continue; // upstream and ahead/behind
      } else if (record.startsWith("1 ")) {
        String[] f = fields(record, 9);
        entries.add(entry(f[1], f[8], Optional.empty()));
      } else if (record.startsWith("2 ")) {
        String[] f = fields(record, 10);
        if (i + 1 >= records.size()) {
          throw new MalformedOutputException("a rename without its original path");
        }
        entries.add(entry(f[1], f[9], Optional.of(records.get(++i))));
      } else if (record.startsWith("u ")) {
        String[] f = fields(record, 11);
        entries.add(
            new GitStatus.Entry(f[10], Optional.empty(), FileState.UNMERGED, FileState.UNMERGED));
      } else if (record.startsWith("? ")) {
        untracked.add(record.substring(2));
      } else if (!record.startsWith("! ")) {
        throw new MalformedOutputException("an unknown status record");
      }
    }
    return new GitStatus(branch, head, entries, untracked);
  }

  private static GitStatus.Entry entry(String xy, String path, Optional<String> original) {
    if (xy.length() != 2) {
      throw new MalformedOutputException("a status with " + xy.length() + " letters");
    }
    try {
      return new GitStatus.Entry(
          path, original, FileState.of(xy.charAt(0)), FileState.of(xy.charAt(1)));
    } catch (IllegalArgumentException e) {
      throw new MalformedOutputException(e.getMessage());
    }
  }

  private static String[] fields(String record, int count) {
    String[] f = record.split(" ", count);
    if (f.length != count || f[count - 1].isEmpty()) {
      throw new MalformedOutputException("a status record with too few fields");
    }
    return f;
  }

  /**
   * The records of {@code diff --numstat -z} at the start of {@code out}, up to its end or a {@link
   * GitScript#SEPARATOR}; {@code end[0]} is set to where they stop. With {@code lenient}, a record
   * cut off by the output cap ends the list instead of failing.
   */
  static List<GitDiff.FileDiff> numstat(String out, int[] end, boolean lenient) {
    List<GitDiff.FileDiff> files = new ArrayList<>();
    int at = 0;
    while (at < out.length() && out.charAt(at) != GitScript.SEPARATOR) {
      int tab1 = out.indexOf('\t', at);
      int tab2 = tab1 < 0 ? -1 : out.indexOf('\t', tab1 + 1);
      int nul = tab2 < 0 ? -1 : out.indexOf('\0', tab2 + 1);
      if (nul < 0) {
        if (lenient) {
          break;
        }
        throw new MalformedOutputException("a numstat record without its end");
      }
      String added = out.substring(at, tab1);
      String deleted = out.substring(tab1 + 1, tab2);
      boolean binary = added.equals("-") && deleted.equals("-");
      String path = out.substring(tab2 + 1, nul);
      Optional<String> oldPath = Optional.empty();
      int next = nul + 1;
      if (path.isEmpty()) { // a rename: old and new paths follow, each ended by NUL
        int oldEnd = out.indexOf('\0', next);
        int newEnd = oldEnd < 0 ? -1 : out.indexOf('\0', oldEnd + 1);
        if (newEnd < 0) {
          if (lenient) {
            break;
          }
          throw new MalformedOutputException("a renamed file without both paths");
        }
        oldPath = Optional.of(out.substring(next, oldEnd));
        path = out.substring(oldEnd + 1, newEnd);
        next = newEnd + 1;
      }
      files.add(
          new GitDiff.FileDiff(
              path, oldPath, binary ? 0 : count(added), binary ? 0 : count(deleted), binary));
      at = next;
    }
    end[0] = at;
    return files;
  }

  private static int count(String digits) {
    if (digits.isEmpty() || digits.length() > 9 || !digits.chars().allMatch(Character::isDigit)) {
      throw new MalformedOutputException("a numstat count that is not a number");
    }
    return Integer.parseInt(digits);
  }

  static List<CommitInfo> log(String out) {
    if (out.isEmpty()) {
      return List.of();
    }
    if (!out.endsWith("\0")) {
      throw new MalformedOutputException("a log that does not end with a complete commit");
    }
    String[] f = out.substring(0, out.length() - 1).split("\0", -1);
    if (f.length % LOG_FIELDS != 0) {
      throw new MalformedOutputException("a log whose commits do not have ten fields each");
    }
    List<CommitInfo> commits = new ArrayList<>();
    for (int i = 0; i < f.length; i += LOG_FIELDS) {
      commits.add(
          new CommitInfo(
              f[i].strip(),
              f[i + 1].isBlank() ? List.of() : List.of(f[i + 1].strip().split(" ")),
              new Person(f[i + 2], f[i + 3]),
              seconds(f[i + 4]),
              new Person(f[i + 5], f[i + 6]),
              seconds(f[i + 7]),
              f[i + 8],
              f[i + 9].strip()));
    }
    return commits;
  }

  private static Instant seconds(String text) {
    try {
      return Instant.ofEpochSecond(Long.parseLong(text.strip()));
    } catch (NumberFormatException e) {
      throw new MalformedOutputException("a commit time that is not a number");
    }
  }
}
