package dev.oncell.search.internal.index;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oncell.search.CodeIndex;
import dev.oncell.search.IndexStatus;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SIGKILL of a child JVM in the middle of an index run or of the embeddings, then a new open. */
class CrashTest {

  static final int FILES = 300;

  @TempDir Path root;
  @TempDir Path indexDir;

  private void files() throws Exception {
    for (int i = 0; i < FILES; i++) {
      SampleRepo.write(
          root, "src/f" + i + ".py", "def crash_case_" + i + "():\n    return " + i + "\n");
    }
  }

  private Process child(String mode) throws Exception {
    String java = ProcessHandle.current().info().command().orElse("java");
    ProcessBuilder pb =
        new ProcessBuilder(
                List.of(
                    java,
                    "-cp",
                    System.getProperty("java.class.path"),
                    "-Djava.io.tmpdir=" + System.getProperty("java.io.tmpdir"),
                    "-Duser.home=" + System.getProperty("user.home"),
                    "--add-modules",
                    "jdk.incubator.vector",
                    CrashChild.class.getName(),
                    root.toString(),
                    indexDir.toString(),
                    mode))
            .redirectErrorStream(true);
    return pb.start();
  }

  @Test
  void killedMidRunTheNextOpenFinishesTheRun() throws Exception {
    files();
    Process p = child("run");
    try {
      Path marker = indexDir.resolve(PendingMarker.FILE);
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (!Files.exists(marker) && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }
      Thread.sleep(1500); // some batches written and refreshed, none committed
    } finally {
      p.destroyForcibly().waitFor(); // SIGKILL
    }
    assertThat(CodeIndex.hasPendingWork(indexDir)).isTrue();
    try (CodeIndex index = CodeIndex.open(indexDir, root, Optional.of(HashingEmbedder.fast()))) {
      assertThat(index.awaitIdle(Duration.ofSeconds(60))).isTrue();
      IndexStatus s = index.status();
      assertThat(s.files()).isEqualTo(FILES);
      assertThat(s.chunks()).isEqualTo(FILES);
      assertThat(s.embedded()).isEqualTo(FILES);
      assertThat(index.search("crash_case_299", 1, Optional.empty())).isNotEmpty();
    }
    assertThat(CodeIndex.hasPendingWork(indexDir)).isFalse();
  }

  @Test
  void killedMidEmbeddingTheNextOpenEmbedsTheRest() throws Exception {
    files();
    Process p = child("embed");
    try (BufferedReader out =
        new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = out.readLine()) != null && !line.equals("indexed")) {
        // wait for the run to return
      }
      assertThat(line).as("child output").isEqualTo("indexed");
      Thread.sleep(800);
    } finally {
      p.destroyForcibly().waitFor();
    }
    assertThat(CodeIndex.hasPendingWork(indexDir)).isTrue();
    HashingEmbedder fast = HashingEmbedder.fast();
    try (CodeIndex index = CodeIndex.open(indexDir, root, Optional.of(fast))) {
      assertThat(index.awaitIdle(Duration.ofSeconds(60))).isTrue();
      IndexStatus s = index.status();
      assertThat(s.files()).isEqualTo(FILES);
      assertThat(s.embedded()).isEqualTo(s.chunks()).isEqualTo(FILES);
    }
    assertThat(CodeIndex.hasPendingWork(indexDir)).isFalse();
  }
}
