package dev.oncell.search.eval;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oncell.search.Embedder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The whole harness on the tiny corpus, against the reference index, with the shipped model. */
class SearchEvalSmokeTest {

  @TempDir Path dir;

  @Test
  void theHarnessIndexesSearchesScoresAndWritesTheDocument() throws Exception {
    Path corpus = dir.resolve("corpus");
    TinyCorpus.write(corpus);
    Path out = dir.resolve("docs/search-eval.md");
    EvalOptions options =
        EvalOptions.parse(
            "--corpus", corpus.toString(),
            "--work", dir.resolve("work").toString(),
            "--out", out.toString(),
            "--models", "minilm",
            "--small-chunks", "100");

    String markdown =
        new SearchEval(options, Indexes.scan(), "the scan index", TinyCorpus.REPORTS).run();

    assertThat(markdown)
        .contains("| keyword (BM25) | ")
        .contains("| vector, all-minilm-l6-v2 | ")
        .contains("| hybrid, all-minilm-l6-v2 | ")
        .contains("### Bug reports (2, small corpus)")
        .contains("### Keyword search on the full corpus")
        .contains("### Findings");
    String document = Files.readString(out);
    assertThat(document).contains(markdown.strip()).doesNotContain("{{");
    assertThat(dir.resolve("work/cache/all-minilm-l6-v2@128.vectors"))
        .as("the embedding cache")
        .isNotEmptyFile();
  }

  @Test
  void theHarnessRunsAgainstTheLuceneIndex() {
    Path corpus = dir.resolve("corpus");
    try {
      TinyCorpus.write(corpus);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    EvalOptions options =
        EvalOptions.parse(
            "--corpus",
            corpus.toString(),
            "--work",
            dir.resolve("work").toString(),
            "--out",
            "-",
            "--models",
            "minilm",
            "--no-full");

    String markdown =
        new SearchEval(options, Indexes.lucene(), "the Lucene index", TinyCorpus.REPORTS).run();

    assertThat(markdown)
        .contains("Index: the Lucene index.")
        .contains("| hybrid, all-minilm-l6-v2 | 2 | ")
        .doesNotContain("refused");
  }

  @Test
  void theComparedModelLoadsFromItsOwnJar() {
    try (Embedder bge = EvalModels.open("bge")) {
      assertThat(bge.name()).isEqualTo("bge-small-en-v1.5");
      assertThat(bge.embed(List.of("parse a CSV line")).getFirst()).hasSize(384);
    }
  }
}
