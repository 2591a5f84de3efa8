package dev.oncell.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code oncell bench search} on tiny corpora: it runs end to end and checks its arguments. */
class SearchBenchCommandTest {

  @TempDir Path tmp;

  @Test
  void measuresIndexingSearchIncrementalUpdatesAndGrepOnAGeneratedTree() {
    BenchCli.Run run =
        BenchCli.oncell(
            tmp,
            "bench",
            "search",
            "--corpus",
            "synthetic",
            "--files",
            "60",
            "--queries",
            "5",
            "--embed-files",
            "0");
    assertThat(run.exitCode()).as("%s", run).isZero();
    assertThat(run.out())
        .contains("60 files")
        .contains("index, keyword only")
        .contains("search, keyword (p50 / p99)")
        .contains("1 changed file: index(file) -> searchable")
        .contains("grep vs grep -rnE");
    assertThat(run.out())
        .as("every grep pattern finds what grep -rnE finds")
        .doesNotContain("(grep: ");
  }

  @Test
  void theJdkCorpusIsTheRunningJdksSources() {
    BenchCli.Run run =
        BenchCli.oncell(
            tmp, "bench", "search", "--files", "40", "--queries", "5", "--embed-files", "0");
    assertThat(run.exitCode()).as("%s", run).isZero();
    assertThat(run.out()).contains("40 files").doesNotContain("(grep: ");
  }

  @Test
  void refusesAnUnknownCorpusAndNonPositiveCounts() {
    BenchCli.Run corpus = BenchCli.oncell(tmp, "bench", "search", "--corpus", "linux");
    assertThat(corpus.exitCode()).isEqualTo(2);
    assertThat(corpus.err()).contains("--corpus must be jdk or synthetic");
    assertThat(BenchCli.oncell(tmp, "bench", "search", "--files", "0").exitCode()).isEqualTo(2);
  }
}
