package dev.oncell.search.internal.chunk;

import dev.oncell.search.Chunk;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Cuts text into windows of whole lines, at most {@code maxLines} lines and about {@code maxChars}
 * characters each; a single longer line is cut at {@code maxChars}. For Markdown, YAML, build files
 * and anything tree-sitter does not parse.
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
    List<Chunk> chunks = new ArrayList<>();
    String[] lines = content.split("\n", -1);
    int count = content.endsWith("\n") ? lines.length - 1 : lines.length;
    StringBuilder window = new StringBuilder();
    int windowStart = firstLine;
    int windowLines = 0;
    for (int i = 0; i < count; i++) {
      String line = lines[i];
      int lineNo = firstLine + i;
      if (windowLines > 0
          && (windowLines == maxLines || window.length() + line.length() + 1 > maxChars)) {
        chunks.add(window(path, language, windowStart, lineNo - 1, window));
        window.setLength(0);
        windowLines = 0;
      }
      if (windowLines == 0) {
        windowStart = lineNo;
      }
      if (line.length() > maxChars) {
        // A minified file or a data blob: keep the start of the line, the rest adds nothing useful.
        line = line.substring(0, maxChars);
      }
      window.append(line).append('\n');
      windowLines++;
    }
    if (windowLines > 0 && !window.toString().isBlank()) {
      chunks.add(window(path, language, windowStart, firstLine + count - 1, window));
    }
    chunks.removeIf(c -> c.content().isBlank());
    return chunks;
  }

  private static Chunk window(String path, String language, int start, int end, CharSequence text) {
    return new Chunk(path, language, "lines", Optional.empty(), start, end, text.toString());
  }
}
