package dev.oncell.search.eval;

import dev.oncell.search.Chunker;
import dev.oncell.search.CodeIndex;
import dev.oncell.search.IndexOptions;
import dev.oncell.search.IndexStatus;
import dev.oncell.search.SearchMode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Measures retrieval quality of oncell's code search: keyword (BM25), vector and hybrid search, for
 * each embedding model, on doc-comment queries and hand-written bug reports, at file and chunk
 * level. See {@code docs/search-eval.md}; run through {@code scripts/search-eval.sh}.
 */
public final class SearchEval {

  private final EvalOptions options;
  private final Indexes.Factory factory;
  private final String indexName;
  private final List<BugReports.Report> reports;
  private final List<Report.IndexRun> runs = new ArrayList<>();
  private final List<Evaluation.Result> results = new ArrayList<>();

  SearchEval(
      EvalOptions options,
      Indexes.Factory factory,
      String indexName,
      List<BugReports.Report> reports) {
    this.options = options;
    this.factory = factory;
    this.indexName = indexName;
    this.reports = reports;
  }

  public static void main(String[] args) {
    EvalOptions options;
    try {
      options = EvalOptions.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      System.exit(2);
      return;
    }
    if (options.bench()) {
      Throughput.run(options.models(), System.out);
      return;
    }
    boolean scan = options.index().equals("scan");
    String name =
        scan
            ? "the brute-force reference index of the harness (`ScanIndex`: BM25, exact cosine KNN,"
                + " reciprocal rank fusion)"
            : "oncell's Lucene `CodeIndex` with the standard chunker";
    String markdown =
        new SearchEval(options, scan ? Indexes.scan() : Indexes.lucene(), name, BugReports.load())
            .run();
    System.out.println(markdown);
  }

  /** Runs the evaluation; returns the results as Markdown, and writes the document if asked. */
  String run() {
    log("reading " + options.corpus());
    Map<String, String> files = Corpus.load(options.corpus());
    if (files.isEmpty()) {
      throw new IllegalStateException(
          "no source files under " + options.corpus() + ": run scripts/search-eval.sh first");
    }
    Chunker chunker = Chunker.standard();
    Corpus.Selection selection = Corpus.select(files, reports, chunker, options.limits());
    selection.missing().forEach(m -> log("bug report not found in the corpus: " + m));
    List<Query> queries = new ArrayList<>(selection.docQueries());
    queries.addAll(selection.bugQueries());
    log(
        String.format(
            "%d files, full corpus %d, small corpus %d (%d chunks); %d doc queries, %d bug reports",
            files.size(),
            selection.full().size(),
            selection.small().size(),
            selection.smallChunks(),
            selection.docQueries().size(),
            selection.bugQueries().size()));
    Path roots = options.work().resolve("roots");
    Corpus.write(selection.small(), roots.resolve("small"));
    IndexOptions keywordOnly = IndexOptions.defaults().withChunker(chunker);

    if (options.full()) {
      Corpus.write(selection.full(), roots.resolve("full"));
      try (CodeIndex index = build("keyword", "full", roots.resolve("full"), keywordOnly)) {
        evaluate(index, "keyword (BM25)", "full", SearchMode.KEYWORD, Optional.empty(), queries);
      }
    }
    try (CodeIndex index = build("keyword", "small", roots.resolve("small"), keywordOnly)) {
      evaluate(index, "keyword (BM25)", "small", SearchMode.KEYWORD, Optional.empty(), queries);
    }
    for (String model : options.models()) {
      Path cache =
          options.work().resolve("cache").resolve(EvalModels.cacheFile(EvalModels.spec(model)));
      try (CachingEmbedder embedder = new CachingEmbedder(EvalModels.open(model), cache);
          CodeIndex index =
              build(
                  embedder.name(),
                  "small",
                  roots.resolve("small"),
                  keywordOnly.withEmbedder(Optional.of(embedder)),
                  embedder)) {
        Optional<String> name = Optional.of(embedder.name());
        evaluate(index, "vector, " + embedder.name(), "small", SearchMode.VECTOR, name, queries);
        evaluate(index, "hybrid, " + embedder.name(), "small", SearchMode.HYBRID, name, queries);
      }
    }
    String markdown =
        Report.results(
            indexName, runs, results, selection.docQueries().size(), selection.bugQueries().size());
    writeRanks(options.work().resolve("ranks.tsv"), queries);
    options.out().ifPresent(out -> writeDocument(out, markdown, selection));
    return markdown;
  }

  private CodeIndex build(String label, String corpus, Path root, IndexOptions indexOptions) {
    return build(label, corpus, root, indexOptions, null);
  }

  private CodeIndex build(
      String label, String corpus, Path root, IndexOptions indexOptions, CachingEmbedder cached) {
    Path dir =
        options
            .work()
            .resolve("index")
            .resolve(label.replaceAll("[^a-zA-Z0-9.-]", "_") + "-" + corpus);
    deleteTree(dir);
    log("indexing " + corpus + " corpus for " + label);
    long start = System.nanoTime();
    CodeIndex index = factory.open(dir, root, indexOptions);
    index.index("", Optional.empty());
    if (!index.awaitIdle(Duration.ofHours(2))) {
      throw new IllegalStateException("index of " + label + " did not finish");
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    IndexStatus status = index.status();
    log(
        String.format(
            "  %d files, %d chunks, %d embedded in %.0f s",
            status.files(), status.chunks(), status.embedded(), seconds));
    runs.add(
        new Report.IndexRun(
            label,
            corpus,
            status.files(),
            status.chunks(),
            seconds,
            status.model(),
            cached == null ? 0 : cached.embedded(),
            cached == null ? 0 : cached.seconds()));
    return index;
  }

  private void evaluate(
      CodeIndex index,
      String configuration,
      String corpus,
      SearchMode mode,
      Optional<String> model,
      List<Query> queries) {
    for (Query.Kind kind : Query.Kind.values()) {
      Evaluation.Result result =
          Evaluation.run(index, configuration, corpus, mode, model, kind, queries);
      results.add(result);
      log(
          String.format(
              "  %-28s %-5s %-3s file R@10 %s MRR %.3f, chunk R@10 %s MRR %.3f",
              configuration,
              corpus,
              kind,
              Report.percent(result.file().recall10()),
              result.file().mrr(),
              Report.percent(result.chunk().recall10()),
              result.chunk().mrr()));
    }
  }

  private void writeDocument(Path out, String markdown, Corpus.Selection selection) {
    String template;
    try (InputStream in = SearchEval.class.getResourceAsStream("/search-eval-template.md")) {
      template = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    String document =
        template
            .replace("{{date}}", LocalDate.now().toString())
            .replace("{{seed}}", Long.toString(options.limits().seed()))
            .replace("{{cores}}", Integer.toString(Runtime.getRuntime().availableProcessors()))
            .replace("{{full_files}}", Integer.toString(selection.full().size()))
            .replace("{{small_files}}", Integer.toString(selection.small().size()))
            .replace("{{small_chunks}}", Integer.toString(options.limits().smallChunks()))
            .replace("{{doc_queries}}", Integer.toString(selection.docQueries().size()))
            .replace("{{bug_queries}}", Integer.toString(selection.bugQueries().size()))
            .replace("{{projects}}", Report.projects(selection).strip())
            .replace("{{results}}", markdown.strip());
    try {
      if (out.getParent() != null) {
        Files.createDirectories(out.getParent());
      }
      Files.writeString(out, document);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    log("wrote " + out);
  }

  /** Every query's ranks in every configuration, to see which queries each one misses. */
  private void writeRanks(Path file, List<Query> queries) {
    StringBuilder tsv =
        new StringBuilder(
            "query\tkind\tpath\tsymbol\tconfiguration\tcorpus\tfile rank\tchunk rank\n");
    for (Evaluation.Result result : results) {
      for (Query query : queries) {
        Metrics.Ranks ranks = result.ranks().get(query.id());
        if (ranks != null) {
          tsv.append(
                  String.join(
                      "\t",
                      query.id(),
                      query.kind().toString(),
                      query.path(),
                      query.symbol(),
                      result.configuration(),
                      result.corpus(),
                      Integer.toString(ranks.file()),
                      Integer.toString(ranks.chunk())))
              .append('\n');
        }
      }
    }
    try {
      Files.createDirectories(file.getParent());
      Files.writeString(file, tsv);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    log("wrote " + file);
  }

  private static void deleteTree(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static void log(String message) {
    System.err.println("search-eval: " + message);
  }
}
