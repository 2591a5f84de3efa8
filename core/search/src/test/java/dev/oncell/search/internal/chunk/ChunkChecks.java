package dev.oncell.search.internal.chunk;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oncell.search.Chunk;
import dev.oncell.search.Chunker;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Sample files and the properties every chunking must have. */
final class ChunkChecks {

  private ChunkChecks() {}

  /** A checked-in sample under {@code src/test/resources/chunk/}. */
  static String sample(String name) {
    try (InputStream in = ChunkChecks.class.getResourceAsStream("/chunk/" + name)) {
      assertThat(in).as("sample %s", name).isNotNull();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A chunker like the standard one, with its own parsers and another size cap. */
  static Chunker chunker(int maxChars) {
    return new StandardChunker(new ParserPool(2), maxChars);
  }

  /** The file's lines as they are, split at {@code \n} only, {@code \r} kept. */
  static List<String> rawLines(String content) {
    List<String> lines = new ArrayList<>(List.of(content.split("\n", -1)));
    if (content.endsWith("\n") || content.isEmpty()) {
      lines.removeLast();
    }
    return lines;
  }

  /** "kind symbol start-end" of each chunk, for comparing whole chunkings at a glance. */
  static List<String> outline(List<Chunk> chunks) {
    return chunks.stream()
        .map(c -> c.kind() + " " + c.symbol().orElse("-") + " " + c.startLine() + "-" + c.endLine())
        .toList();
  }

  /**
   * Checks what every chunking promises: line numbers within the file and in order, content exactly
   * the file's text of those lines (or a slice of one long line), at most {@code maxChars}
   * characters, nothing blank, no overlap, and every non-blank line in some chunk.
   */
  static void assertWellFormed(String content, List<Chunk> chunks, int maxChars) {
    List<String> lines = rawLines(content);
    boolean[] covered = new boolean[lines.size() + 1];
    int previousEnd = 0;
    Chunk previous = null;
    for (Chunk chunk : chunks) {
      String where = chunk.path() + ":" + chunk.startLine() + "-" + chunk.endLine();
      assertThat(chunk.endLine())
          .as("%s ends within the file", where)
          .isLessThanOrEqualTo(lines.size());
      assertThat(chunk.content()).as("%s is not blank", where).isNotBlank();
      assertThat(chunk.content().replace("\r\n", "\n").length())
          .as("%s is within the cap, \\r\\n counting as one", where)
          .isLessThanOrEqualTo(maxChars);
      String expected = String.join("\n", lines.subList(chunk.startLine() - 1, chunk.endLine()));
      if (expected.endsWith("\r")) {
        expected = expected.substring(0, expected.length() - 1);
      }
      boolean slice =
          chunk.startLine() == chunk.endLine()
              && expected.length() > maxChars
              && expected.contains(chunk.content());
      if (!slice) {
        assertThat(chunk.content())
            .as("%s is the file's text of its lines", where)
            .isEqualTo(expected);
        assertThat(chunk.startLine())
            .as("%s starts after the chunk before", where)
            .isGreaterThan(previousEnd);
      } else if (previous != null && previous.startLine() != chunk.startLine()) {
        assertThat(chunk.startLine())
            .as("%s starts after the chunk before", where)
            .isGreaterThan(previousEnd);
      }
      for (int line = chunk.startLine(); line <= chunk.endLine(); line++) {
        covered[line] = true;
      }
      previousEnd = chunk.endLine();
      previous = chunk;
    }
    for (int line = 1; line <= lines.size(); line++) {
      if (!lines.get(line - 1).isBlank()) {
        assertThat(covered[line])
            .as("non-blank line %d is in a chunk: %s", line, lines.get(line - 1))
            .isTrue();
      }
    }
  }

  /** The chunk whose symbol is {@code symbol}; fails if there is none. */
  static Chunk bySymbol(List<Chunk> chunks, String symbol) {
    return chunks.stream()
        .filter(c -> c.symbol().filter(symbol::equals).isPresent())
        .findFirst()
        .orElseThrow(() -> new AssertionError("no chunk for " + symbol + " in " + outline(chunks)));
  }

  /** The symbols of all chunks, in order. */
  static List<String> symbols(List<Chunk> chunks) {
    return chunks.stream().flatMap(c -> c.symbol().stream()).distinct().toList();
  }
}
