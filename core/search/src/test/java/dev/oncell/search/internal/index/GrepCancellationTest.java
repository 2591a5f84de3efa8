package dev.oncell.search.internal.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.oncell.search.Budget;
import dev.oncell.search.CodeIndex;
import dev.oncell.search.GrepMatch;
import dev.oncell.search.SearchException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A grep that would run for ages (a regex backtracking on long lines) stops when its budget runs
 * out, when its budget is cancelled, and when the index closes under it; the index answers normally
 * afterwards.
 */
class GrepCancellationTest {

  /** Backtracks to the 12th power on a line of a's without a b (see {@code GrepLimitsTest}). */
  static final String BACKTRACKS = "(.*a){12}b";

  @TempDir Path root;
  @TempDir Path indexDir;
  CodeIndex index;

  @BeforeEach
  void open() throws Exception {
    SampleRepo.create(root);
    SampleRepo.write(root, "slow.txt", ("a".repeat(80) + "\u00e9\n").repeat(50));
    index = CodeIndex.open(indexDir, root);
    index.index("", Optional.empty());
  }

  @AfterEach
  void close() {
    index.close();
  }

  private void stillAnswers() {
    List<GrepMatch> ok =
        index.grep("verifyToken", Optional.empty(), 10, Budget.of(Duration.ofSeconds(30)));
    assertThat(ok).as("the index answers after the stopped grep").isNotEmpty();
  }

  @Test
  @Timeout(60)
  void aGrepStopsWhenItsBudgetRunsOut() {
    long started = System.nanoTime();
    assertThatThrownBy(
            () -> index.grep(BACKTRACKS, Optional.empty(), 10, Budget.of(Duration.ofMillis(500))))
        .isInstanceOfSatisfying(
            SearchException.class,
            e -> {
              assertThat(e.code()).isEqualTo("search_timeout");
              assertThat(e.invalid()).isFalse();
              assertThat(e.getMessage()).contains("500 ms");
            });
    assertThat(Duration.ofNanos(System.nanoTime() - started))
        .as("stopped soon after its budget")
        .isLessThan(Duration.ofSeconds(10));
    stillAnswers();
  }

  @Test
  @Timeout(60)
  void aGrepStopsWhenCancelled() throws Exception {
    Budget budget = Budget.cancellable();
    CompletableFuture<List<GrepMatch>> grep =
        CompletableFuture.supplyAsync(() -> index.grep(BACKTRACKS, Optional.empty(), 10, budget));
    Thread.sleep(300);
    assertThat(grep).as("still running: the regex backtracks").isNotDone();
    budget.cancel();
    assertThatThrownBy(() -> grep.get(10, TimeUnit.SECONDS))
        .hasCauseInstanceOf(SearchException.class)
        .cause()
        .hasMessageContaining("cancelled");
    stillAnswers();
  }

  @Test
  @Timeout(60)
  void aRegexThatRecursesTooDeepOnALongLineIsAClearError() throws Exception {
    // java.util.regex recurses once per repetition of a group: 200,000 of them overflow the stack
    SampleRepo.write(root, "long.txt", "ab".repeat(100_000) + "\u00e9\n");
    index.index("", Optional.empty());
    assertThatThrownBy(() -> index.grep("(a|b)*c", Optional.of("long.txt"), 10))
        .isInstanceOfSatisfying(
            SearchException.class,
            e -> {
              assertThat(e.code()).isEqualTo("pattern_too_complex");
              assertThat(e.getMessage()).contains("limit: stack");
            });
    stillAnswers();
  }

  @Test
  @Timeout(60)
  void closingTheIndexStopsAGrepWithoutABudget() throws Exception {
    CompletableFuture<List<GrepMatch>> grep =
        CompletableFuture.supplyAsync(() -> index.grep(BACKTRACKS, Optional.empty(), 10));
    Thread.sleep(300);
    assertThat(grep).as("still running: the regex backtracks").isNotDone();
    long started = System.nanoTime();
    index.close();
    assertThat(Duration.ofNanos(System.nanoTime() - started))
        .as("close does not wait for the grep to finish by itself")
        .isLessThan(Duration.ofSeconds(10));
    assertThatThrownBy(() -> grep.get(10, TimeUnit.SECONDS))
        .hasCauseInstanceOf(SearchException.class);
    index = CodeIndex.open(indexDir, root);
    stillAnswers();
  }
}
