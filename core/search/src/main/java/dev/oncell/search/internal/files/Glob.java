package dev.oncell.search.internal.files;

import dev.oncell.search.SearchException;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A glob over relative paths: {@code *} and {@code ?} within one path segment, {@code **} across
 * segments ({@code **}{@code /} matches zero or more directories, so {@code **}{@code /*.ts}
 * matches a top-level {@code a.ts}), {@code {a,b}} alternatives (nestable), {@code [abc]}, {@code
 * [a-z]} and {@code [!abc]} classes, {@code \} escapes the next character. A glob without {@code /}
 * matches the file name at any depth ({@code *.md} is {@code **}{@code /*.md}).
 */
public final class Glob {

  static final int MAX_LENGTH = 1000;

  private final String source;
  private final Pattern pattern;

  private Glob(String source, Pattern pattern) {
    this.source = source;
    this.pattern = pattern;
  }

  /** Every path. */
  public static Optional<Glob> none() {
    return Optional.empty();
  }

  /**
   * Compiles {@code glob}; empty means every path.
   *
   * @throws SearchException {@code invalid_glob} when it is blank, too long or unbalanced
   */
  public static Optional<Glob> compile(Optional<String> glob) {
    if (glob.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(compile(glob.get()));
  }

  /**
   * Compiles {@code glob}.
   *
   * @throws SearchException {@code invalid_glob} when it is blank, too long or unbalanced
   */
  public static Glob compile(String glob) {
    if (glob.isBlank()) {
      throw invalid(glob, "it is blank; leave the glob out to match every file");
    }
    if (glob.length() > MAX_LENGTH) {
      throw invalid(
          glob.substring(0, 40) + "...", "it is longer than " + MAX_LENGTH + " characters");
    }
    String g = glob.strip();
    while (g.startsWith("./")) {
      g = g.substring(2);
    }
    while (g.startsWith("/")) {
      g = g.substring(1);
    }
    if (g.isEmpty()) {
      throw invalid(glob, "it names no file");
    }
    if (g.indexOf('/') < 0) {
      g = "**/" + g;
    }
    StringBuilder re = new StringBuilder();
    int braces = 0;
    int i = 0;
    while (i < g.length()) {
      char c = g.charAt(i);
      switch (c) {
        case '*' -> {
          boolean doubleStar = i + 1 < g.length() && g.charAt(i + 1) == '*';
          if (doubleStar) {
            boolean segmentStart = i == 0 || g.charAt(i - 1) == '/';
            boolean slashAfter = i + 2 < g.length() && g.charAt(i + 2) == '/';
            if (segmentStart && slashAfter) {
              re.append("(?:.*/)?");
              i += 3;
            } else if (segmentStart
                && i + 2 == g.length()
                && !re.isEmpty()
                && re.charAt(re.length() - 1) == '/') {
              // dir/** : everything below dir
              re.setLength(re.length() - 1);
              re.append("(?:/.*)?");
              i += 2;
            } else {
              re.append(".*");
              i += 2;
              while (i < g.length() && g.charAt(i) == '*') {
                i++;
              }
            }
            continue;
          }
          re.append("[^/]*");
        }
        case '?' -> re.append("[^/]");
        case '{' -> {
          braces++;
          re.append("(?:");
        }
        case '}' -> {
          if (braces == 0) {
            throw invalid(glob, "a '}' at position " + (i + 1) + " closes no '{'");
          }
          braces--;
          re.append(')');
        }
        case ',' -> re.append(braces > 0 ? "|" : ",");
        case '[' -> i = charClass(glob, g, i, re);
        case '\\' -> {
          if (i + 1 == g.length()) {
            throw invalid(glob, "it ends with a lone '\\'");
          }
          i++;
          re.append(Pattern.quote(String.valueOf(g.charAt(i))));
        }
        default -> {
          if ("().+^$|".indexOf(c) >= 0) {
            re.append('\\');
          }
          re.append(c);
        }
      }
      i++;
    }
    if (braces > 0) {
      throw invalid(glob, "a '{' is never closed");
    }
    return new Glob(glob, Pattern.compile(re.toString()));
  }

  private static int charClass(String glob, String g, int start, StringBuilder re) {
    int i = start + 1;
    StringBuilder cls = new StringBuilder("[");
    if (i < g.length() && (g.charAt(i) == '!' || g.charAt(i) == '^')) {
      cls.append('^');
      i++;
    }
    boolean first = true;
    while (i < g.length() && (g.charAt(i) != ']' || first)) {
      char c = g.charAt(i);
      if (c == '/') {
        throw invalid(glob, "a '[...]' class cannot contain '/'");
      }
      if (c == '\\' || c == '[' || c == '&' || (c == '^' && !first)) {
        cls.append('\\');
      }
      if (c == '\\' && i + 1 < g.length()) {
        i++;
        c = g.charAt(i);
      }
      cls.append(c);
      first = false;
      i++;
    }
    if (i >= g.length()) {
      throw invalid(glob, "a '[' is never closed");
    }
    cls.append(']');
    if (cls.charAt(1) == '^') {
      cls.insert(cls.length() - 1, "/");
    }
    re.append(cls);
    return i;
  }

  private static SearchException invalid(String glob, String why) {
    return SearchException.invalid(
        "invalid_glob",
        "invalid glob '"
            + glob
            + "': "
            + why
            + ". Globs use *, ?, **, {a,b} and [abc], as in '**/*.{ts,py}'");
  }

  /** Whether {@code path} (relative, {@code /} separators) matches. */
  public boolean matches(String path) {
    return pattern.matcher(path).matches();
  }

  @Override
  public String toString() {
    return source;
  }
}
