package dev.oncell.search.eval;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oncell.search.Chunker;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CorpusTest {

  @TempDir Path dir;

  @Test
  void sourceFilesAreLoadedByRelativePathAndOthersSkipped() throws Exception {
    TinyCorpus.write(dir);
    Files.writeString(dir.resolve("README.md"), "# not code");
    Files.writeString(dir.resolve("util/app.min.js"), "minified()");
    Files.write(dir.resolve("util/latin1.js"), new byte[] {'/', '/', (byte) 0xE9});
    assertThat(Corpus.load(dir).keySet())
        .containsExactlyInAnyOrderElementsOf(TinyCorpus.FILES.keySet());
  }

  @Test
  void docQueriesAreRemovedFromTheIndexedCopyWithoutMovingLines() {
    Corpus.Selection selection = select(42);
    assertThat(selection.docQueries())
        .as("doc queries of the tiny corpus")
        .hasSizeGreaterThanOrEqualTo(5);
    for (Query query : selection.docQueries()) {
      String original = TinyCorpus.FILES.get(query.path());
      String indexed = selection.full().get(query.path());
      assertThat(indexed).as("indexed copy of %s", query.path()).doesNotContain(query.text());
      assertThat(indexed.split("\n", -1).length)
          .as("lines of %s", query.path())
          .isEqualTo(original.split("\n", -1).length);
      String[] lines = indexed.split("\n", -1);
      assertThat(lines[query.startLine() - 1])
          .as("first line of the function of %s", query.id())
          .contains(query.symbol());
    }
  }

  @Test
  void bugReportFilesAreInTheSmallCorpusAndSelectionIsRepeatable() {
    Corpus.Selection selection = select(7);
    assertThat(selection.small()).containsKeys("auth/TokenVerifier.java", "util/format.js");
    assertThat(selection.bugQueries()).hasSize(2);
    assertThat(selection.missing()).hasSize(1);
    assertThat(select(7)).as("the same seed gives the same selection").isEqualTo(selection);
  }

  private static Corpus.Selection select(long seed) {
    return Corpus.select(
        new java.util.TreeMap<>(TinyCorpus.FILES),
        TinyCorpus.REPORTS,
        Chunker.standard(),
        new Corpus.Limits(seed, 100, 1000, 100));
  }

  @SuppressWarnings("unused")
  private static Map<String, String> files() {
    return TinyCorpus.FILES;
  }
}
