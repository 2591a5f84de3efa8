package dev.oncell.search.internal.chunk;

import dev.oncell.search.Chunk;
import dev.oncell.search.Chunker;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The chunker behind {@link Chunker#standard()}: by extension, Java, Python, TypeScript, TSX,
 * JavaScript and Go along their syntax tree ({@link SyntaxChunker}), Markdown at its headings, and
 * line windows for everything else. Thread-safe; all instances share one pool of parsers.
 */
public final class StandardChunker implements Chunker {

  /** The size cap of a chunk. */
  static final int MAX_CHARS = 1500;

  /**
   * Definitions under this part of the cap (250 characters: getters, one-liners, small types) share
   * a chunk with small neighbours; larger ones keep a chunk and their symbol to themselves.
   */
  static final int SMALL_PART = 6;

  /** The most lines in a line window. */
  static final int MAX_LINES = 60;

  private static final ParserPool PARSERS =
      new ParserPool(Math.max(4, 2 * Runtime.getRuntime().availableProcessors()));

  private final LineWindowChunker windows;
  private final MarkdownChunker markdown;
  private final SyntaxChunker syntax;

  StandardChunker(ParserPool parsers, int maxChars) {
    this.windows = new LineWindowChunker(MAX_LINES, maxChars);
    PieceMerger merger = new PieceMerger(maxChars, maxChars / SMALL_PART);
    ChunkEmitter emitter = new ChunkEmitter(maxChars, windows);
    this.markdown = new MarkdownChunker(merger, emitter);
    this.syntax = new SyntaxChunker(parsers, merger, emitter, windows);
  }

  public static Chunker create() {
    return new StandardChunker(PARSERS, MAX_CHARS);
  }

  @Override
  public List<Chunk> chunk(String path, String content) {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(content, "content");
    SourceText source = new SourceText(content);
    if (source.lineCount() == 0) {
      return List.of();
    }
    Optional<Language> language = Language.forPath(path);
    if (language.isPresent()) {
      return syntax.chunk(path, language.get(), source);
    }
    return switch (Language.extension(path)) {
      case "md", "markdown" -> markdown.chunk(path, "text", source);
      default -> windows.chunk(path, "text", source, 0, source.lineCount() - 1, Label.LINES);
    };
  }
}
