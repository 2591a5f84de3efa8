package dev.oncell.search.internal.grep;

import dev.oncell.search.Budget;
import dev.oncell.search.GrepMatch;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;

/**
 * Finds the lines of a text (a file, or a block of whole lines of it) that a {@link GrepPattern}
 * matches, as grep splits them (on LF only), the fastest safe way for the pattern:
 *
 * <ol>
 *   <li>with anchors (strings of which every matching line holds one: the rarest of the trigrams
 *       the regex requires, in each of its case variants), {@link String#indexOf} finds them (a
 *       vectorized scan) and only their lines are tried;
 *   <li>without (a regex with no trigram), UTF-8 bytes go through the regex's {@link LineDfa} when
 *       it has one, without being decoded;
 *   <li>otherwise a regex that is safe on a whole text skips through it to the next multiline match
 *       and checks only that line; the rest ({@code ^...}, lookarounds, {@code \A}, {@code \z}) is
 *       tried line by line.
 * </ol>
 *
 * Every {@link java.util.regex} match reads the text through {@link BudgetedText}, and the
 * automaton checks the budget every few tens of kilobytes, so a match stops soon after the budget
 * runs out. Thread-safe: matchers are made per call.
 */
public final class LineMatcher {

  private final GrepPattern pattern;
  private final Optional<Set<String>> anchors;
  private final Optional<LineDfa> dfa;
  private final Budget budget;

  /** Without a budget. */
  public LineMatcher(GrepPattern pattern, Optional<Set<String>> anchors) {
    this(pattern, anchors, Budget.unlimited());
  }

  /**
   * @param anchors exact strings of which every matching line contains one (a match does); empty
   *     when there are none
   * @param budget checked while the automaton is built and while lines are matched
   */
  public LineMatcher(GrepPattern pattern, Optional<Set<String>> anchors, Budget budget) {
    this.pattern = pattern;
    this.anchors = anchors;
    this.budget = budget;
    this.dfa =
        anchors.isPresent() ? Optional.empty() : LineDfa.of(pattern.pattern().pattern(), budget);
  }

  /**
   * As {@link #match}, on {@code bytes[from, to)}: valid UTF-8, whole lines (the last one may lack
   * its newline).
   */
  public void match(
      String path, byte[] bytes, int from, int to, int firstLine, List<GrepMatch> out, int limit) {
    if (dfa.isPresent()) {
      dfa.get().match(bytes, from, to, firstLine, path, pattern.pattern(), out, limit, budget);
    } else {
      match(
          path, new String(bytes, from, to - from, StandardCharsets.UTF_8), firstLine, out, limit);
    }
  }

  /**
   * Adds the matching lines of {@code text}, whose first line is number {@code firstLine}, until
   * {@code out} holds {@code limit} matches.
   */
  public void match(String path, String text, int firstLine, List<GrepMatch> out, int limit) {
    budget.check();
    if (anchors.isPresent()) {
      matchAnchoredLines(pattern, anchors.get(), path, text, firstLine, out, limit, budget);
    } else if (pattern.whole().isPresent() && !pattern.lineStart()) {
      skipToMatches(pattern, path, text, firstLine, out, limit, budget);
    } else {
      matchLines(pattern, path, text, firstLine, out, limit, budget);
    }
  }

  /**
   * As {@link #matchLines}, checking only the lines that contain one of {@code anchors}: a line
   * with a match contains one of them, since the match does.
   */
  static void matchAnchoredLines(
      GrepPattern pattern,
      Set<String> anchors,
      String path,
      String text,
      int firstLine,
      List<GrepMatch> out,
      int limit,
      Budget budget) {
    int n = text.length();
    int[] starts = new int[16];
    int count = 0;
    for (String anchor : anchors) {
      int i = text.indexOf(anchor);
      while (i >= 0) {
        if (count == starts.length) {
          starts = Arrays.copyOf(starts, count * 2);
        }
        starts[count++] = text.lastIndexOf('\n', i) + 1;
        int end = text.indexOf('\n', i);
        if (end < 0) {
          break;
        }
        i = text.indexOf(anchor, end + 1);
      }
    }
    if (count == 0) {
      return;
    }
    if (anchors.size() > 1) {
      Arrays.sort(starts, 0, count);
    }
    Matcher m = pattern.pattern().matcher(BudgetedText.of(text, budget));
    int pos = 0;
    int lineNo = firstLine;
    int previous = -1;
    for (int k = 0; k < count && out.size() < limit; k++) {
      int start = starts[k];
      if (start == previous) {
        continue;
      }
      previous = start;
      int nl;
      while ((nl = text.indexOf('\n', pos)) >= 0 && nl < start) {
        pos = nl + 1;
        lineNo++;
      }
      int end = text.indexOf('\n', start);
      if (end < 0) {
        end = n;
      }
      m.region(start, end);
      if (m.find()) {
        out.add(Matches.of(path, lineNo, text, start, end));
      }
    }
  }

  /**
   * As {@link #matchLines}, jumping from one match of the whole-text pattern to the next and
   * checking only the line where it starts: a line with a match of its own holds the start of a
   * whole-text match no later than its own, so no matching line is skipped.
   */
  static void skipToMatches(
      GrepPattern pattern,
      String path,
      String text,
      int firstLine,
      List<GrepMatch> out,
      int limit,
      Budget budget) {
    CharSequence read = BudgetedText.of(text, budget);
    Matcher whole = pattern.whole().orElseThrow().matcher(read);
    Matcher line = pattern.pattern().matcher(read);
    int n = text.length();
    int lineStart = 0;
    int lineNo = firstLine;
    while (lineStart < n && out.size() < limit && whole.find(lineStart)) {
      int s = whole.start();
      int nl;
      while ((nl = text.indexOf('\n', lineStart)) >= 0 && nl < s) {
        lineStart = nl + 1;
        lineNo++;
      }
      if (lineStart >= n) {
        break; // an empty match after the last newline: no line there
      }
      int end = text.indexOf('\n', lineStart);
      if (end < 0) {
        end = n;
      }
      line.region(lineStart, end);
      if (line.find()) {
        out.add(Matches.of(path, lineNo, text, lineStart, end));
      }
      lineStart = end + 1;
      lineNo++;
    }
  }

  /** Adds the lines of {@code text} that the pattern finds, trying each. */
  static void matchLines(
      GrepPattern pattern,
      String path,
      String text,
      int firstLine,
      List<GrepMatch> out,
      int limit,
      Budget budget) {
    Matcher m = pattern.pattern().matcher(BudgetedText.of(text, budget));
    int n = text.length();
    int start = 0;
    int line = firstLine;
    while (start < n && out.size() < limit) {
      int end = text.indexOf('\n', start);
      if (end < 0) {
        end = n;
      }
      m.region(start, end);
      if (m.find()) {
        out.add(Matches.of(path, line, text, start, end));
      }
      start = end + 1;
      line++;
    }
  }
}
