package dev.oncell.search.internal.index;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oncell.search.CodeIndex;
import dev.oncell.search.IndexOptions;
import dev.oncell.search.IndexStatus;
import dev.oncell.search.SearchHit;
import dev.oncell.search.SearchMode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddingTest {

  @TempDir Path root;
  @TempDir Path indexDir;

  private static List<String> paths(List<SearchHit> hits) {
    return hits.stream().map(SearchHit::path).toList();
  }

  private void manyFiles(int n) throws Exception {
    for (int i = 0; i < n; i++) {
      SampleRepo.write(
          root,
          "gen/module" + i + ".py",
          "def handler_" + i + "(request):\n    return compute_value_" + i + "(request.body)\n");
    }
  }

  @Test
  void embeddingsCatchUpInTheBackgroundAndServeVectorAndHybridSearch() throws Exception {
    SampleRepo.create(root);
    HashingEmbedder embedder = HashingEmbedder.fast();
    try (CodeIndex index = CodeIndex.open(indexDir, root, Optional.of(embedder))) {
      index.index("", Optional.empty());
      assertThat(index.awaitIdle(Duration.ofSeconds(30))).as("idle").isTrue();
      IndexStatus status = index.status();
      assertThat(status.embedded()).isEqualTo(status.chunks()).isPositive();
      assertThat(status.model()).contains("test-hash-64");
      assertThat(status.indexing()).isFalse();
      assertThat(CodeIndex.hasPendingWork(indexDir)).isFalse();

      List<SearchHit> vector =
          index.search("verifyToken claims secret expired", 5, Optional.empty(), SearchMode.VECTOR);
      assertThat(paths(vector)).first().isEqualTo(SampleRepo.AUTH);
      assertThat(vector.getFirst().score()).isEqualTo(1.0);
      assertThat(
              paths(
                  index.search(
                      "authentication middleware", 5, Optional.empty(), SearchMode.HYBRID)))
          .first()
          .isEqualTo(SampleRepo.AUTH);
      assertThat(paths(index.search("invoice discount tax total", 5, Optional.empty())))
          .first()
          .isEqualTo(SampleRepo.INVOICE);
      assertThat(
              paths(index.search("invoice discount", 5, Optional.of("**/*.md"), SearchMode.VECTOR)))
          .isNotEmpty()
          .allMatch(p -> p.endsWith(".md"));
    }
  }

  @Test
  void keywordSearchWorksBeforeEmbeddingsAndCloseLeavesPendingWorkThatResumes() throws Exception {
    manyFiles(300);
    HashingEmbedder slow = new HashingEmbedder("test-hash-64", 64, 200);
    try (CodeIndex index = CodeIndex.open(indexDir, root, Optional.of(slow))) {
      long start = System.nanoTime();
      index.index("", Optional.empty());
      assertThat(Duration.ofNanos(System.nanoTime() - start))
          .as("index does not wait for vectors")
          .isLessThan(Duration.ofSeconds(2));
      assertThat(paths(index.search("handler_42", 3, Optional.empty())))
          .first()
          .isEqualTo("gen/module42.py");
      IndexStatus early = index.status();
      assertThat(early.embedded()).isLessThan(early.chunks());
      assertThat(CodeIndex.hasPendingWork(indexDir)).isTrue();
      assertThat(index.awaitIdle(Duration.ofMillis(100))).isFalse();
      Thread.sleep(500);
    }
    assertThat(CodeIndex.hasPendingWork(indexDir)).as("closed mid-embedding").isTrue();
    int before = slow.texts.get();
    assertThat(before).isPositive().isLessThan(300);

    HashingEmbedder fast = HashingEmbedder.fast();
    try (CodeIndex index = CodeIndex.open(indexDir, root, Optional.of(fast))) {
      assertThat(index.awaitIdle(Duration.ofSeconds(30))).isTrue();
      IndexStatus done = index.status();
      assertThat(done.embedded()).isEqualTo(done.chunks()).isEqualTo(300);
      assertThat(fast.texts.get()).as("only what was left is embedded again").isLessThan(300);
    }
    assertThat(CodeIndex.hasPendingWork(indexDir)).isFalse();
  }

  @Test
  void closeStopsTheWorkerPromptly() throws Exception {
    manyFiles(200);
    HashingEmbedder slow = new HashingEmbedder("test-hash-64", 64, 300);
    CodeIndex index = CodeIndex.open(indexDir, root, Optional.of(slow));
    index.index("", Optional.empty());
    Thread.sleep(100);
    long start = System.nanoTime();
    index.close();
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
  }

  @Test
  void anotherModelDropsTheOldVectorsAndEmbedsAgain() throws Exception {
    SampleRepo.create(root);
    try (CodeIndex index = CodeIndex.open(indexDir, root, Optional.of(HashingEmbedder.fast()))) {
      index.index("", Optional.empty());
      assertThat(index.awaitIdle(Duration.ofSeconds(30))).isTrue();
    }
    HashingEmbedder other = new HashingEmbedder("other-model-32", 32, 0);
    try (CodeIndex index = CodeIndex.open(indexDir, root, Optional.of(other))) {
      assertThat(index.awaitIdle(Duration.ofSeconds(30))).isTrue();
      IndexStatus s = index.status();
      assertThat(s.model()).contains("other-model-32");
      assertThat(s.embedded()).isEqualTo(s.chunks());
      assertThat(other.texts.get()).isEqualTo(s.chunks());
      assertThat(
              paths(
                  index.search(
                      "verifyToken claims secret expired", 5, Optional.empty(), SearchMode.VECTOR)))
          .first()
          .isEqualTo(SampleRepo.AUTH);
    }
    try (CodeIndex index = CodeIndex.open(indexDir, root)) {
      assertThat(index.status().model()).isEmpty();
      assertThat(index.awaitIdle(Duration.ofSeconds(5))).isTrue();
    }
  }

  @Test
  void changedFilesGetNewVectors() throws Exception {
    SampleRepo.create(root);
    HashingEmbedder embedder = HashingEmbedder.fast();
    IndexOptions options = IndexOptions.defaults().withEmbedder(Optional.of(embedder));
    try (CodeIndex index = CodeIndex.open(indexDir, root, options)) {
      index.index("", Optional.empty());
      assertThat(index.awaitIdle(Duration.ofSeconds(30))).isTrue();
      int texts = embedder.texts.get();
      SampleRepo.write(
          root,
          "src/refunds.ts",
          "export function issueRefund(orderId: string) { return refundGateway.send(orderId); }\n");
      index.index("", Optional.empty());
      assertThat(index.awaitIdle(Duration.ofSeconds(30))).isTrue();
      assertThat(embedder.texts.get() - texts).as("only the new chunk").isEqualTo(1);
      assertThat(
              paths(
                  index.search(
                      "issueRefund refundGateway", 3, Optional.empty(), SearchMode.VECTOR)))
          .first()
          .isEqualTo("src/refunds.ts");
    }
  }
}
