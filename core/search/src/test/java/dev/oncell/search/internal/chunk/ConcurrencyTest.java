package dev.oncell.search.internal.chunk;

import static dev.oncell.search.internal.chunk.ChunkChecks.sample;
import static org.assertj.core.api.Assertions.assertThat;

import dev.oncell.search.Chunk;
import dev.oncell.search.Chunker;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Indexing threads share one chunker. */
class ConcurrencyTest {

  private static final int THREADS = 8;
  private static final int ROUNDS = 40;

  /** Samples, some of them renamed to other languages of the same grammar family. */
  private static Map<String, String> files() {
    Map<String, String> files = new LinkedHashMap<>();
    files.put("OrderService.java", sample("OrderService.java"));
    files.put("inventory.py", sample("inventory.py"));
    files.put("auth.ts", sample("auth.ts"));
    files.put("Button.tsx", sample("Button.tsx"));
    files.put("router.js", sample("router.js"));
    files.put("server.go", sample("server.go"));
    files.put("guide.md", sample("guide.md"));
    files.put("config.yaml", sample("config.yaml"));
    files.put("broken.java", "class {{{ ]]] ((( \n".repeat(30));
    return files;
  }

  @Test
  void manyThreadsChunkingAtOnceGetTheSameChunksAsOne() throws Exception {
    ParserPool parsers = new ParserPool(2);
    Chunker chunker = new StandardChunker(parsers, StandardChunker.MAX_CHARS);
    Map<String, String> files = files();
    Map<String, List<Chunk>> expected = new LinkedHashMap<>();
    files.forEach((path, content) -> expected.put(path, chunker.chunk(path, content)));

    CountDownLatch start = new CountDownLatch(1);
    List<Future<Integer>> results = new ArrayList<>();
    try (ExecutorService pool =
        Executors.newFixedThreadPool(
            THREADS, Thread.ofPlatform().name("chunk-test-", 0).factory())) {
      for (int t = 0; t < THREADS; t++) {
        int offset = t;
        results.add(
            pool.submit(
                () -> {
                  start.await();
                  List<String> paths = new ArrayList<>(files.keySet());
                  int checked = 0;
                  for (int round = 0; round < ROUNDS; round++) {
                    String path = paths.get((round + offset) % paths.size());
                    assertThat(chunker.chunk(path, files.get(path)))
                        .as("%s in round %d", path, round)
                        .isEqualTo(expected.get(path));
                    checked++;
                  }
                  return checked;
                }));
      }
      start.countDown();
      for (Future<Integer> result : results) {
        assertThat(result.get(60, TimeUnit.SECONDS)).isEqualTo(ROUNDS);
      }
    }
    assertThat(parsers.alive())
        .as("parsers beyond two idle per language were closed when given back")
        .isLessThanOrEqualTo(2 * Language.values().length);
  }
}
