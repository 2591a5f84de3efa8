package dev.oncell.agent.tools;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Replaces one occurrence of a text in another: first character for character, then line by line
 * ignoring indentation and runs of spaces (models often get indentation wrong and everything else
 * right). A text that matches nowhere, or in more than one place, is refused with a reason that
 * tells the model how to fix its block; nothing is ever guessed.
 */
public final class SearchReplace {

  /** The outcome on a text. */
  public sealed interface Patch {}

  /** The new text and how the search text was found. */
  public record Patched(String text, EditOutcome.Match match) implements Patch {}

  /** Nothing changed, because of {@code reason}. */
  public record Failed(String reason) implements Patch {}

  private SearchReplace() {}

  /** Replaces the one occurrence of {@code search} in {@code original} by {@code replace}. */
  public static Patch apply(String original, String search, String replace) {
    Objects.requireNonNull(original, "original");
    Objects.requireNonNull(replace, "replace");
    if (Objects.requireNonNull(search, "search").isEmpty()) {
      return new Failed("the SEARCH section is empty");
    }
    Patch exact = exact(original, search, replace);
    if (exact instanceof Patched || search.strip().isEmpty()) {
      return exact;
    }
    Failed notExact = (Failed) exact;
    if (!notExact.reason().startsWith("not found")) {
      return notExact; // found several times: being tolerant would only find more
    }
    return tolerant(original, search, replace);
  }

  private static Patch exact(String original, String search, String replace) {
    List<Integer> at = occurrences(original, search);
    if (at.isEmpty() && search.endsWith("\n") && original.endsWith(stripNewline(search))) {
      // the block's last line is the file's last line, which has no newline
      search = stripNewline(search);
      replace = stripNewline(replace);
      at = occurrences(original, search);
    }
    if (at.size() == 1) {
      int i = at.getFirst();
      String text = original.substring(0, i) + replace + original.substring(i + search.length());
      return new Patched(text, EditOutcome.Match.EXACT);
    }
    if (at.isEmpty()) {
      return new Failed("not found");
    }
    return ambiguous(lineNumbers(original, at));
  }

  private static Patch tolerant(String original, String search, String replace) {
    List<String> lines = List.of(original.split("\n", -1));
    List<String> wanted = trimBlankEnds(List.of(stripNewline(search).split("\n", -1)));
    List<Integer> starts = new ArrayList<>();
    for (int i = 0; i + wanted.size() <= lines.size(); i++) {
      if (matchesAt(lines, i, wanted)) {
        starts.add(i);
      }
    }
    if (starts.size() > 1) {
      return ambiguous(starts.stream().map(i -> i + 1).toList());
    }
    if (starts.isEmpty()) {
      return new Failed(notFoundHint(lines, wanted));
    }
    int start = starts.getFirst();
    List<String> out = new ArrayList<>(lines.subList(0, start));
    String from = indentOf(wanted.getFirst());
    String to = indentOf(lines.get(start));
    if (!replace.isEmpty()) {
      for (String line : stripNewline(replace).split("\n", -1)) {
        out.add(reindent(line, from, to));
      }
    }
    out.addAll(lines.subList(start + wanted.size(), lines.size()));
    return new Patched(String.join("\n", out), EditOutcome.Match.WHITESPACE);
  }

  private static boolean matchesAt(List<String> lines, int start, List<String> wanted) {
    for (int j = 0; j < wanted.size(); j++) {
      if (!normalize(lines.get(start + j)).equals(normalize(wanted.get(j)))) {
        return false;
      }
    }
    return true;
  }

  private static String notFoundHint(List<String> lines, List<String> wanted) {
    String first = normalize(wanted.getFirst());
    for (int i = 0; i < lines.size(); i++) {
      if (normalize(lines.get(i)).equals(first)) {
        return "the SEARCH text is not in the file: its first line matches line "
            + (i + 1)
            + " but the following lines differ; copy the file's lines exactly";
      }
    }
    return "the SEARCH text is not in the file: its first line `"
        + wanted.getFirst().strip()
        + "` is nowhere in it; copy the file's lines exactly";
  }

  private static Failed ambiguous(List<Integer> lineNumbers) {
    return new Failed(
        "the SEARCH text occurs "
            + lineNumbers.size()
            + " times (lines "
            + lineNumbers
            + "); include more lines around it so that it matches once");
  }

  private static List<Integer> occurrences(String text, String search) {
    List<Integer> at = new ArrayList<>();
    for (int i = text.indexOf(search); i >= 0; i = text.indexOf(search, i + 1)) {
      at.add(i);
    }
    return at;
  }

  private static List<Integer> lineNumbers(String text, List<Integer> offsets) {
    return offsets.stream()
        .map(o -> (int) text.substring(0, o).chars().filter(c -> c == '\n').count() + 1)
        .toList();
  }

  private static List<String> trimBlankEnds(List<String> lines) {
    int from = 0;
    int to = lines.size();
    while (from < to && lines.get(from).isBlank()) {
      from++;
    }
    while (to > from && lines.get(to - 1).isBlank()) {
      to--;
    }
    return lines.subList(from, to);
  }

  /** Without indentation, trailing spaces and repeated spaces. */
  static String normalize(String line) {
    return line.strip().replaceAll("\\s+", " ");
  }

  private static String indentOf(String line) {
    int i = 0;
    while (i < line.length() && (line.charAt(i) == ' ' || line.charAt(i) == '\t')) {
      i++;
    }
    return line.substring(0, i);
  }

  /** Moves {@code line} from the block's indentation to the file's. */
  private static String reindent(String line, String from, String to) {
    if (line.isBlank()) {
      return "";
    }
    return line.startsWith(from) ? to + line.substring(from.length()) : line;
  }

  private static String stripNewline(String text) {
    return text.endsWith("\n") ? text.substring(0, text.length() - 1) : text;
  }
}
