package dev.oncell.search.internal.chunk;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oncell.search.Chunker;
import org.junit.jupiter.api.Test;
import org.treesitter.TSParser;

class ParserPoolTest {

  @Test
  void aParserGivenBackIsReused() {
    ParserPool pool = new ParserPool(2);
    TSParser first = pool.take(Language.JAVA);
    pool.give(Language.JAVA, first);

    assertThat(pool.take(Language.JAVA)).isSameAs(first);
    assertThat(pool.take(Language.GO)).as("one pool per language").isNotSameAs(first);
    assertThat(pool.created()).isEqualTo(2);
  }

  @Test
  void idleParsersAboveTheLimitAreClosed() {
    ParserPool pool = new ParserPool(2);
    TSParser a = pool.take(Language.PYTHON);
    TSParser b = pool.take(Language.PYTHON);
    TSParser c = pool.take(Language.PYTHON);
    pool.give(Language.PYTHON, a);
    pool.give(Language.PYTHON, b);
    pool.give(Language.PYTHON, c);

    assertThat(pool.alive()).isEqualTo(2);
  }

  @Test
  void chunkingManyFilesKeepsAFewParsersAlive() {
    // Trees are closed after each file and parsers reused: native memory does not grow with files.
    ParserPool pool = new ParserPool(2);
    Chunker chunker = new StandardChunker(pool, StandardChunker.MAX_CHARS);
    String[] paths = {"a.java", "a.py", "a.ts", "a.tsx", "a.js", "a.go"};
    for (int i = 0; i < 3000; i++) {
      String path = paths[i % paths.length];
      chunker.chunk(path, "// file " + i + "\nfoo(" + i + ");\n");
    }

    assertThat(pool.created()).as("one parser per language, reused").isEqualTo(paths.length);
    assertThat(pool.alive()).isEqualTo(paths.length);
  }

  @Test
  void aFailedParserIsNotReused() {
    ParserPool pool = new ParserPool(2);
    TSParser parser = pool.take(Language.JAVASCRIPT);
    pool.discard(parser);

    assertThat(pool.take(Language.JAVASCRIPT)).isNotSameAs(parser);
    assertThat(pool.alive()).isEqualTo(1);
  }
}
