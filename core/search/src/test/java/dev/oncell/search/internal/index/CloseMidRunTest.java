package dev.oncell.search.internal.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.oncell.search.Chunker;
import dev.oncell.search.CodeIndex;
import dev.oncell.search.IndexOptions;
import dev.oncell.search.SearchException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Closing while a run is in flight leaves it pending; the next open finishes it. */
class CloseMidRunTest {

  @TempDir Path root;
  @TempDir Path indexDir;

  @Test
  void aRunCutShortByCloseIsResumedByTheNextOpen() throws Exception {
    for (int i = 0; i < 400; i++) {
      SampleRepo.write(root, "src/f" + i + ".txt", "unique" + i + " words here\n");
    }
    Chunker standard = Chunker.standard();
    CountDownLatch started = new CountDownLatch(20);
    Chunker slow =
        (path, content) -> {
          started.countDown();
          try {
            Thread.sleep(10);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          return standard.chunk(path, content);
        };
    CodeIndex index = CodeIndex.open(indexDir, root, IndexOptions.defaults().withChunker(slow));
    CompletableFuture<?> run = CompletableFuture.runAsync(() -> index.index("", Optional.empty()));
    started.await();
    index.close();
    assertThatThrownBy(run::get)
        .isInstanceOf(ExecutionException.class)
        .cause()
        .isInstanceOfSatisfying(SearchException.class, e -> assertThat(e.invalid()).isFalse());
    assertThat(CodeIndex.hasPendingWork(indexDir)).as("the run is still pending").isTrue();

    try (CodeIndex reopened = CodeIndex.open(indexDir, root)) {
      assertThat(reopened.awaitIdle(Duration.ofSeconds(30))).isTrue();
      assertThat(reopened.status().files()).isEqualTo(400);
      assertThat(reopened.search("unique399", 1, Optional.empty())).isNotEmpty();
    }
    assertThat(CodeIndex.hasPendingWork(indexDir)).isFalse();
  }
}
