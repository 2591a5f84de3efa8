package dev.oncell.search.internal.grep;

import java.util.ArrayList;
import java.util.List;

/**
 * A file cut into blocks of whole lines, each indexed with its own trigrams, so that the trigrams
 * of a regex must co-occur within a block, not just somewhere in the file, and only the candidate
 * blocks are read and matched. A block ends after the line that brings it to {@link #TARGET_BYTES}
 * (so a single long line is a block of its own), and holds its line's newline. Blocks partition the
 * file: every line is in exactly one block.
 */
public final class LineBlocks {

  /**
   * About this many bytes of UTF-8 per block. Smaller blocks select fewer bytes to verify but cost
   * more postings: on the JDK sources, 2 KB blocks hold 2.3 times the postings of whole files (one
   * block per file) and select 10 to 30 times fewer bytes.
   */
  public static final int TARGET_BYTES = 2048;

  private LineBlocks() {}

  /**
   * One block.
   *
   * @param line the 1-based number of its first line
   * @param offset where it starts, in bytes of UTF-8
   * @param length its length in bytes, its last newline included
   * @param trigrams its distinct trigrams, as {@link Trigrams#distinct} packs them
   */
  public record Block(int line, int offset, int length, long[] trigrams) {}

  /** The blocks of {@code text}, in order; none for an empty text. */
  public static List<Block> of(String text) {
    return of(text, TARGET_BYTES);
  }

  static List<Block> of(String text, int targetBytes) {
    List<Block> blocks = new ArrayList<>();
    int n = text.length();
    int start = 0; // char index of the block's first char
    int startByte = 0;
    int line = 1;
    int bytes = startByte;
    int lines = 0;
    for (int i = 0; i < n; i++) {
      char c = text.charAt(i);
      bytes += c < 0x80 ? 1 : c < 0x800 || Character.isSurrogate(c) ? 2 : 3;
      if (c == '\n') {
        lines++;
        if (bytes - startByte >= targetBytes) {
          blocks.add(
              new Block(line, startByte, bytes - startByte, Trigrams.distinct(text, start, i)));
          start = i + 1;
          startByte = bytes;
          line += lines;
          lines = 0;
        }
      }
    }
    if (start < n) {
      blocks.add(new Block(line, startByte, bytes - startByte, Trigrams.distinct(text, start, n)));
    }
    return blocks;
  }
}
