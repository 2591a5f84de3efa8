package dev.oncell.search.eval;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The command line of {@link SearchEval}.
 *
 * @param corpus the downloaded sources
 * @param work where indexed copies, indexes and the embedding cache go
 * @param out the Markdown document to write, if any
 * @param index {@code lucene} (or {@code auto}, the same) or {@code scan} ({@link ScanIndex})
 * @param models embedding models to compare ({@link EvalModels})
 * @param full whether to run keyword search on the full corpus too
 * @param bench measure embedding throughput instead
 */
record EvalOptions(
    Path corpus,
    Path work,
    Optional<Path> out,
    String index,
    List<String> models,
    Corpus.Limits limits,
    boolean full,
    boolean bench) {

  static final String USAGE =
      """
      usage: SearchEval [--corpus DIR] [--work DIR] [--out FILE|-] [--index lucene|scan]
                        [--models minilm,bge,minilm-first,minilm@256] [--seed N] [--max-files N] [--small-chunks N]
                        [--doc-queries N] [--no-full] [--bench]
      """;

  static EvalOptions parse(String... args) {
    Path corpus = Path.of("core/search-eval/target/corpus/src");
    Path work = Path.of("core/search-eval/target/eval");
    Optional<Path> out = Optional.of(Path.of("docs/search-eval.md"));
    String index = "auto";
    List<String> models = EvalModels.DEFAULT;
    long seed = 42;
    int maxFiles = 4000;
    int smallChunks = 5000;
    int docQueries = 300;
    boolean full = true;
    boolean bench = false;
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      switch (arg) {
        case "--no-full" -> full = false;
        case "--bench" -> bench = true;
        case "--corpus",
            "--work",
            "--out",
            "--index",
            "--models",
            "--seed",
            "--max-files",
            "--small-chunks",
            "--doc-queries" -> {
          if (i + 1 >= args.length) {
            throw new IllegalArgumentException(arg + " needs a value\n" + USAGE);
          }
          String value = args[++i];
          switch (arg) {
            case "--corpus" -> corpus = Path.of(value);
            case "--work" -> work = Path.of(value);
            case "--out" ->
                out = value.equals("-") ? Optional.empty() : Optional.of(Path.of(value));
            case "--index" -> index = value;
            case "--models" -> models = Arrays.stream(value.split(",")).map(String::strip).toList();
            case "--seed" -> seed = Long.parseLong(value);
            case "--max-files" -> maxFiles = Integer.parseInt(value);
            case "--small-chunks" -> smallChunks = Integer.parseInt(value);
            default -> docQueries = Integer.parseInt(value);
          }
        }
        default -> throw new IllegalArgumentException("unknown argument " + arg + "\n" + USAGE);
      }
    }
    if (!List.of("auto", "lucene", "scan").contains(index)) {
      throw new IllegalArgumentException("--index is auto, lucene or scan, not " + index);
    }
    models.forEach(EvalModels::spec);
    return new EvalOptions(
        corpus,
        work,
        out,
        index,
        models,
        new Corpus.Limits(seed, maxFiles, smallChunks, docQueries),
        full,
        bench);
  }
}
