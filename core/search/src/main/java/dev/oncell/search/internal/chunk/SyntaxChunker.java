package dev.oncell.search.internal.chunk;

import dev.oncell.search.Chunk;
import java.lang.System.Logger.Level;
import java.util.List;
import java.util.Optional;
import org.treesitter.TSNode;
import org.treesitter.TSParser;
import org.treesitter.TSTree;

/**
 * Chunks a file of a {@link Language} along its syntax tree; falls back to line windows when the
 * parse fails or most of the file is a syntax error. Thread-safe: each call takes its own parser
 * from the pool, and frees its tree before it returns.
 */
final class SyntaxChunker {

  private static final System.Logger LOG = System.getLogger(SyntaxChunker.class.getName());

  private final ParserPool parsers;
  private final PieceMerger merger;
  private final ChunkEmitter emitter;
  private final LineWindowChunker windows;

  SyntaxChunker(
      ParserPool parsers, PieceMerger merger, ChunkEmitter emitter, LineWindowChunker windows) {
    this.parsers = parsers;
    this.merger = merger;
    this.emitter = emitter;
    this.windows = windows;
  }

  List<Chunk> chunk(String path, Language language, SourceText source) {
    if (source.lineCount() == 0) {
      return List.of();
    }
    Optional<List<Piece>> pieces;
    try {
      pieces = pieces(language, source);
    } catch (RuntimeException e) {
      LOG.log(Level.DEBUG, () -> "line windows for " + path + ": " + e, e);
      pieces = Optional.empty();
    }
    if (pieces.isPresent()) {
      return emitter.emit(path, language.id(), source, pieces.get());
    }
    return windows.chunk(path, language.id(), source, 0, source.lineCount() - 1, Label.LINES);
  }

  /** The pieces of a file, empty if it is mostly syntax errors. */
  private Optional<List<Piece>> pieces(Language language, SourceText source) {
    TSParser parser = parsers.take(language);
    boolean fit = false;
    try {
      TSTree tree = parser.parseString(null, source.parseable());
      try (TreeSplitter splitter =
          new TreeSplitter(source, language.syntax(), parsers.types(language), merger)) {
        TSNode root = tree.getRootNode();
        Optional<List<Piece>> pieces =
            mostlyErrors(root, source) ? Optional.empty() : Optional.of(splitter.split(root));
        fit = true;
        return pieces;
      } finally {
        tree.close();
      }
    } finally {
      if (fit) {
        parsers.give(language, parser);
      } else {
        parsers.discard(parser);
      }
    }
  }

  /** True if syntax errors at the top level span more than half the file's rows. */
  private static boolean mostlyErrors(TSNode root, SourceText source) {
    if (!root.hasError()) {
      return false;
    }
    if (root.getType().equals("ERROR")) {
      return true;
    }
    int errorRows = 0;
    for (int i = 0, n = root.getNamedChildCount(); i < n; i++) {
      TSNode child = root.getNamedChild(i);
      if (child.isError()) {
        errorRows +=
            source.rowOfByte(Math.max(child.getStartByte(), child.getEndByte() - 1))
                - source.rowOfByte(child.getStartByte())
                + 1;
      }
    }
    return errorRows * 2 > source.lineCount();
  }
}
