package dev.oncell.plugins.review;

import dev.oncell.agent.forge.ReviewComment.Side;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A unified diff ({@code git diff}'s patch) read into files and hunks, with the number of every
 * line on each side. Why parse it here: a forge anchors an inline comment only to a line inside one
 * of the diff's hunks, so every finding is checked against these before it is posted, and the
 * prompt shows the model the same numbers it must answer with.
 */
public record UnifiedDiff(List<FileChange> files) {

  private static final Pattern HUNK =
      Pattern.compile("^@@ -(\\d+)(?:,(\\d+))? \\+(\\d+)(?:,(\\d+))? @@.*$");

  /** One line of a hunk: kept (both numbers), added (new only) or removed (old only). */
  public record Line(char kind, int oldNumber, int newNumber, String text) {

    boolean added() {
      return kind == '+';
    }

    boolean removed() {
      return kind == '-';
    }

    /** Its number on {@code side}, 0 when it does not exist there. */
    int number(Side side) {
      return side == Side.LEFT ? oldNumber : newNumber;
    }
  }

  /** One hunk: its header's ranges and its lines. */
  public record Hunk(String header, List<Line> lines) {

    public Hunk {
      lines = List.copyOf(lines);
    }
  }

  /**
   * One changed file.
   *
   * @param path its path at head ({@code oldPath} for a deleted file, whose head side is empty)
   * @param deleted whether the change removes the file
   */
  public record FileChange(String path, boolean deleted, List<Hunk> hunks) {

    public FileChange {
      hunks = List.copyOf(hunks);
    }

    /** The text of line {@code number} on {@code side}, if a hunk shows it. */
    public Optional<String> line(Side side, int number) {
      return hunks.stream()
          .flatMap(h -> h.lines().stream())
          .filter(l -> l.number(side) == number)
          .map(Line::text)
          .findFirst();
    }
  }

  public UnifiedDiff {
    files = List.copyOf(files);
  }

  /** The file changed at {@code path}, if the diff has it. */
  public Optional<FileChange> file(String path) {
    return files.stream().filter(f -> f.path().equals(path)).findFirst();
  }

  /** Reads a patch as {@code git diff} writes it (binary files have no hunks). */
  public static UnifiedDiff parse(String patch) {
    List<FileChange> files = new ArrayList<>();
    Builder current = null;
    int oldLine = 0;
    int newLine = 0;
    for (String raw : patch.split("\n", -1)) {
      if (raw.startsWith("diff --git ")) {
        if (current != null) {
          files.add(current.build());
        }
        current = new Builder();
        int b = raw.lastIndexOf(" b/");
        current.headerPath = b < 0 ? "" : raw.substring(b + 3);
      } else if (current == null) {
        continue;
      } else if (current.hunk == null && raw.startsWith("--- ")) {
        current.oldPath = path(raw.substring(4));
      } else if (current.hunk == null && raw.startsWith("+++ ")) {
        current.newPath = path(raw.substring(4));
      } else if (raw.startsWith("@@ ")) {
        Matcher m = HUNK.matcher(raw);
        if (!m.matches()) {
          continue;
        }
        current.closeHunk();
        current.hunk = new ArrayList<>();
        current.header = raw;
        oldLine = Integer.parseInt(m.group(1));
        newLine = Integer.parseInt(m.group(3));
      } else if (current.hunk != null && !raw.isEmpty()) {
        char kind = raw.charAt(0);
        String text = raw.substring(1);
        switch (kind) {
          case '+' -> current.hunk.add(new Line('+', 0, newLine++, text));
          case '-' -> current.hunk.add(new Line('-', oldLine++, 0, text));
          case ' ' -> current.hunk.add(new Line(' ', oldLine++, newLine++, text));
          default -> {} // "\ No newline at end of file"
        }
      }
    }
    if (current != null) {
      files.add(current.build());
    }
    return new UnifiedDiff(files);
  }

  /** {@code a/src/x.py} to {@code src/x.py}; {@code /dev/null} stays empty. */
  private static Optional<String> path(String side) {
    String p = side.strip();
    if (p.equals("/dev/null")) {
      return Optional.empty();
    }
    if (p.startsWith("\"") && p.endsWith("\"")) {
      p = p.substring(1, p.length() - 1);
    }
    return Optional.of(p.length() > 2 && p.charAt(1) == '/' ? p.substring(2) : p);
  }

  private static final class Builder {
    Optional<String> oldPath = Optional.empty();
    Optional<String> newPath = Optional.empty();
    String headerPath = "";
    final List<Hunk> hunks = new ArrayList<>();
    List<Line> hunk;
    String header;

    void closeHunk() {
      if (hunk != null) {
        hunks.add(new Hunk(header, hunk));
      }
      hunk = null;
    }

    FileChange build() {
      closeHunk();
      boolean deleted = newPath.isEmpty() && oldPath.isPresent();
      return new FileChange(newPath.or(() -> oldPath).orElse(headerPath), deleted, hunks);
    }
  }
}
