package dev.oncell.plugins.review;

import dev.oncell.agent.Context;
import dev.oncell.agent.GrepMatch;
import dev.oncell.agent.SearchHit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The code around a change that a reviewer would open: where the changed symbols are defined and
 * used (through {@code ctx.grep}) and the chunks most like each hunk (through {@code ctx.search}).
 * Why: most real bugs in a diff are about a caller or a definition the diff does not show. The
 * index must be at head when this runs. Bounded, so that a large pull request does not turn into
 * hundreds of steps and a prompt no model takes.
 */
final class HunkContext {

  /** One piece of context: where it is and what it says. */
  record Snippet(String path, int line, String text) {}

  static final int MAX_SYMBOLS = 8;
  static final int MATCHES_PER_SYMBOL = 6;
  static final int SEARCHED_HUNKS = 10;

  private static final Pattern DEFINITION =
      Pattern.compile(
          "\\b(?:def|class|function|func|fn|interface|struct|enum|record|type)\\s+([A-Za-z_]\\w*)");
  private static final Pattern CALL = Pattern.compile("\\b([A-Za-z_]\\w*)\\s*\\(");
  private static final Set<String> KEYWORDS =
      Set.of(
          "if",
          "for",
          "while",
          "switch",
          "return",
          "catch",
          "print",
          "len",
          "str",
          "int",
          "new",
          "super",
          "this",
          "self",
          "assert",
          "elif",
          "and",
          "not",
          "function",
          "def",
          "range");

  private HunkContext() {}

  /** The symbols a set of changed lines defines or calls, sorted, at most {@link #MAX_SYMBOLS}. */
  static List<String> symbols(UnifiedDiff diff) {
    Set<String> out = new TreeSet<>();
    for (UnifiedDiff.FileChange file : diff.files()) {
      for (UnifiedDiff.Hunk hunk : file.hunks()) {
        for (UnifiedDiff.Line line : hunk.lines()) {
          if (line.added() || line.removed()) {
            collect(DEFINITION, line.text(), out);
            collect(CALL, line.text(), out);
          }
        }
      }
    }
    return out.stream().limit(MAX_SYMBOLS).toList();
  }

  /** Definitions and uses of the changed symbols, and the chunks nearest each hunk. */
  static List<Snippet> gather(Context ctx, UnifiedDiff diff) {
    List<Snippet> out = new ArrayList<>();
    for (String symbol : symbols(diff)) {
      List<GrepMatch> matches = ctx.grep("\\b" + symbol + "\\b", Optional.empty());
      matches.stream()
          .limit(MATCHES_PER_SYMBOL)
          .forEach(m -> out.add(new Snippet(m.path(), m.line(), m.text().strip())));
    }
    int searched = 0;
    for (UnifiedDiff.FileChange file : diff.files()) {
      for (UnifiedDiff.Hunk hunk : file.hunks()) {
        if (searched++ >= SEARCHED_HUNKS) {
          return out;
        }
        for (SearchHit hit : ctx.search(query(hunk), 3)) {
          if (!hit.path().equals(file.path())) {
            out.add(new Snippet(hit.path(), hit.startLine(), hit.content().strip()));
          }
        }
      }
    }
    return out;
  }

  private static String query(UnifiedDiff.Hunk hunk) {
    StringBuilder q = new StringBuilder();
    for (UnifiedDiff.Line line : hunk.lines()) {
      if (line.added() || line.removed()) {
        q.append(line.text().strip()).append('\n');
      }
    }
    String text = q.toString().strip();
    return text.isEmpty() ? hunk.header() : text.substring(0, Math.min(text.length(), 1000));
  }

  private static void collect(Pattern pattern, String text, Set<String> out) {
    Matcher m = pattern.matcher(text);
    while (m.find()) {
      String name = m.group(1);
      if (name.length() >= 3 && !KEYWORDS.contains(name)) {
        out.add(name);
      }
    }
  }
}
