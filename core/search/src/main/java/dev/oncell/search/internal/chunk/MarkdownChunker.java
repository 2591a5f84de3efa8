package dev.oncell.search.internal.chunk;

import dev.oncell.search.Chunk;
import java.util.ArrayList;
import java.util.List;

/**
 * Markdown at its headings: one section per ATX heading ({@code #} to {@code ######}, outside
 * fenced code), kind {@code section}, symbol the heading's text. Small neighbouring sections are
 * merged and large ones cut into line windows, by the same rules as code.
 */
final class MarkdownChunker {

  private final PieceMerger merger;
  private final ChunkEmitter emitter;

  MarkdownChunker(PieceMerger merger, ChunkEmitter emitter) {
    this.merger = merger;
    this.emitter = emitter;
  }

  List<Chunk> chunk(String path, String language, SourceText source) {
    List<Piece> pieces = new ArrayList<>();
    int start = 0;
    Label label = new Label("section", "");
    boolean fenced = false;
    for (int row = 0; row < source.lineCount(); row++) {
      String line = source.lines(row, row);
      String stripped = line.stripLeading();
      if (stripped.startsWith("```") || stripped.startsWith("~~~")) {
        fenced = !fenced;
        continue;
      }
      String title = fenced ? null : heading(line);
      if (title != null) {
        if (row > start) {
          pieces.add(section(source, start, row - 1, label, pieces.size()));
        }
        start = row;
        label = new Label("section", title);
      }
    }
    if (source.lineCount() > start) {
      pieces.add(section(source, start, source.lineCount() - 1, label, pieces.size()));
    }
    return emitter.emit(path, language, source, merger.merge(pieces, 0));
  }

  private static Piece section(SourceText source, int first, int last, Label label, int index) {
    int chars = source.chars(first, last);
    // Text before the first heading is a leftover that joins the first section.
    int definition = label.symbol().isEmpty() ? Piece.GLUE : index;
    return new Piece(first, last, chars, label, 0, definition, chars);
  }

  /** The text of an ATX heading line, or null if it is none. */
  private static String heading(String line) {
    int indent = 0;
    while (indent < line.length() && indent < 4 && line.charAt(indent) == ' ') {
      indent++;
    }
    int level = 0;
    while (indent + level < line.length() && line.charAt(indent + level) == '#') {
      level++;
    }
    int rest = indent + level;
    if (indent > 3 || level == 0 || level > 6) {
      return null;
    }
    if (rest < line.length() && line.charAt(rest) != ' ' && line.charAt(rest) != '\t') {
      return null;
    }
    String title = line.substring(rest).strip().replaceAll("\\s+#+$", "").strip();
    return title.isEmpty() ? null : title;
  }
}
