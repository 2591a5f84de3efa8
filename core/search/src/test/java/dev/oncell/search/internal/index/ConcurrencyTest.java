package dev.oncell.search.internal.index;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oncell.search.CodeIndex;
import dev.oncell.search.IndexReport;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConcurrencyTest {

  @TempDir Path root;
  @TempDir Path indexDir;

  @Test
  void searchesAndGrepsRunWhileIndexingAndConcurrentRunsAreSerialized() throws Exception {
    SampleRepo.create(root);
    for (int i = 0; i < 600; i++) {
      SampleRepo.write(
          root,
          "gen/file" + i + ".java",
          "class Generated" + i + " { int widget" + i + "() { return " + i + "; } }\n");
    }
    ExecutorService threads = Executors.newFixedThreadPool(4, IndexCore.named("test"));
    try (CodeIndex index = CodeIndex.open(indexDir, root, Optional.of(HashingEmbedder.fast()))) {
      index.index("src", Optional.empty());
      AtomicBoolean done = new AtomicBoolean();
      AtomicInteger searches = new AtomicInteger();
      List<Future<?>> readers = new ArrayList<>();
      for (int t = 0; t < 2; t++) {
        readers.add(
            threads.submit(
                () -> {
                  while (!done.get()) {
                    assertThat(index.search("verifyToken", 5, Optional.empty())).isNotEmpty();
                    assertThat(index.grep("verifyToken", Optional.empty(), 10)).isNotEmpty();
                    index.status();
                    searches.incrementAndGet();
                  }
                  return null;
                }));
      }
      Future<IndexReport> a = threads.submit(() -> index.index("", Optional.empty()));
      Future<IndexReport> b = threads.submit(() -> index.index("gen", Optional.empty()));
      IndexReport ra = a.get();
      IndexReport rb = b.get();
      done.set(true);
      for (Future<?> r : readers) {
        r.get();
      }
      assertThat(ra.files() + rb.files())
          .as("each file indexed once: 600 generated, README, CHANGELOG, .gitignore")
          .isEqualTo(603);
      assertThat(searches.get()).isPositive();
      assertThat(index.awaitIdle(Duration.ofSeconds(60))).isTrue();
      assertThat(index.status().files()).isEqualTo(609);
      assertThat(index.status().embedded()).isEqualTo(index.status().chunks());
    } finally {
      threads.shutdownNow();
    }
  }
}
