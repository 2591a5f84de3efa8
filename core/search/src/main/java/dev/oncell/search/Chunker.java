package dev.oncell.search;

import java.util.List;

/**
 * Cuts a file into chunks that follow its syntax: functions, methods, classes; small siblings
 * merged, large nodes split at child boundaries, about 1,500 characters at most. Files in other
 * languages are cut into line windows.
 */
public interface Chunker {

  /** A chunker for every supported language, with line windows for the rest. */
  static Chunker standard() {
    return dev.oncell.search.internal.chunk.StandardChunker.create();
  }

  /**
   * Chunks one file. Never throws for content it cannot parse: it falls back to line windows.
   *
   * @param path relative path, used to pick the language by extension
   */
  List<Chunk> chunk(String path, String content);
}
