package dev.oncell.search.internal.chunk;

import dev.oncell.search.Chunk;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Cuts text into windows of whole lines, at most {@code maxLines} lines and {@code maxChars}
 * characters each, preferring to end a window before a blank line or an unindented line (a YAML
 * key, a top-level declaration) in its second half. Blank lines at the edges of a window are left
 * out. A line longer than {@code maxChars} (minified code, a data blob) is cut into several chunks
 * that all carry its line number. For Markdown, YAML, build files and anything tree-sitter does not
 * parse.
 */
public final class LineWindowChunker {

  private final int maxLines;
  private final int maxChars;

  public LineWindowChunker(int maxLines, int maxChars) {
    if (maxLines < 1 || maxChars < 1) {
      throw new IllegalArgumentException("maxLines and maxChars must be positive");
    }
    this.maxLines = maxLines;
    this.maxChars = maxChars;
  }

  /** Chunks {@code content}, whose first line is {@code firstLine} of the file. */
  public List<Chunk> chunk(String path, String language, String content, int firstLine) {
    SourceText source = new SourceText(content);
    if (source.lineCount() == 0) {
      return List.of();
    }
    List<Chunk> chunks = chunk(path, language, source, 0, source.lineCount() - 1, Label.LINES);
    if (firstLine == 1) {
      return chunks;
    }
    return chunks.stream()
        .map(
            c ->
                new Chunk(
                    c.path(),
                    c.language(),
                    c.kind(),
                    c.symbol(),
                    c.startLine() + firstLine - 1,
                    c.endLine() + firstLine - 1,
                    c.content()))
        .toList();
  }

  /** Chunks rows {@code first..last} (0-based, inclusive) of {@code source}. */
  List<Chunk> chunk(
      String path, String language, SourceText source, int first, int last, Label label) {
    List<Chunk> chunks = new ArrayList<>();
    Optional<String> symbol =
        label.symbol().isEmpty() ? Optional.empty() : Optional.of(label.symbol());
    int row = first;
    while (row <= last) {
      if (source.isBlank(row)) {
        row++;
        continue;
      }
      int length = source.lineLength(row);
      if (length > maxChars) {
        for (int from = 0; from < length; ) {
          int to = Math.min(length, from + maxChars);
          if (to < length
              && Character.isHighSurrogate(source.linePart(row, to - 1, to).charAt(0))) {
            to--; // keep a surrogate pair together
          }
          String part = source.linePart(row, from, to);
          if (!part.isBlank()) {
            chunks.add(new Chunk(path, language, label.kind(), symbol, row + 1, row + 1, part));
          }
          from = to;
        }
        row++;
        continue;
      }
      int end = row;
      while (end < last
          && end + 1 - row < maxLines
          && source.lineLength(end + 1) <= maxChars
          && source.length(row, end + 1) <= maxChars) {
        end++;
      }
      if (end < last && end > row) {
        end = niceEnd(source, row, end);
      }
      int trimmed = end;
      while (source.isBlank(trimmed)) {
        trimmed--;
      }
      chunks.add(
          new Chunk(
              path,
              language,
              label.kind(),
              symbol,
              row + 1,
              trimmed + 1,
              source.lines(row, trimmed)));
      row = end + 1;
    }
    return chunks;
  }

  /** A better last row for a full window {@code row..end}: before a blank or unindented line. */
  private static int niceEnd(SourceText source, int row, int end) {
    int half = row + (end - row) / 2;
    for (int i = end; i > half; i--) {
      if (source.isBlank(i)) {
        return i;
      }
    }
    for (int i = end; i > half; i--) {
      char c = source.firstChar(i + 1);
      if (!Character.isWhitespace(c) && c != '}' && c != ')' && c != ']') {
        return i;
      }
    }
    return end;
  }
}
