package dev.oncell.search.internal.chunk;

import dev.oncell.search.Chunk;
import dev.oncell.search.Chunker;
import java.util.List;

/** Picks the chunker for a file by its extension; line windows for everything else. */
public final class StandardChunker implements Chunker {

  static final int MAX_CHARS = 1500;
  static final int MAX_LINES = 60;

  private final LineWindowChunker lines = new LineWindowChunker(MAX_LINES, MAX_CHARS);

  private StandardChunker() {}

  public static Chunker create() {
    return new StandardChunker();
  }

  @Override
  public List<Chunk> chunk(String path, String content) {
    return lines.chunk(path, "text", content, 1);
  }
}
