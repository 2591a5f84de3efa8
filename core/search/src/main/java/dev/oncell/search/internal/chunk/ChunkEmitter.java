package dev.oncell.search.internal.chunk;

import dev.oncell.search.Chunk;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Turns pieces into chunks: blank lines at either end are left out, blank pieces dropped, and a
 * piece over the size cap (a node with nothing to split it at) is cut into line windows that keep
 * its label.
 */
final class ChunkEmitter {

  private final int maxChars;
  private final LineWindowChunker windows;

  ChunkEmitter(int maxChars, LineWindowChunker windows) {
    this.maxChars = maxChars;
    this.windows = windows;
  }

  List<Chunk> emit(String path, String language, SourceText source, List<Piece> pieces) {
    List<Chunk> chunks = new ArrayList<>(pieces.size());
    for (Piece piece : pieces) {
      int first = piece.first();
      int last = piece.last();
      while (first <= last && source.isBlank(first)) {
        first++;
      }
      while (last >= first && source.isBlank(last)) {
        last--;
      }
      if (first > last) {
        continue;
      }
      Label label = piece.label();
      if (source.length(first, last) > maxChars) {
        chunks.addAll(windows.chunk(path, language, source, first, last, label));
        continue;
      }
      String content = source.lines(first, last);
      Optional<String> symbol =
          label.symbol().isEmpty() ? Optional.empty() : Optional.of(label.symbol());
      chunks.add(new Chunk(path, language, label.kind(), symbol, first + 1, last + 1, content));
    }
    return chunks;
  }
}
