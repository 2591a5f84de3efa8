package dev.oncell.bench;

import dev.oncell.cli.CliException;
import dev.oncell.cli.Table;
import dev.oncell.search.CodeIndex;
import dev.oncell.search.Embedder;
import dev.oncell.search.Embedders;
import dev.oncell.search.GrepMatch;
import dev.oncell.search.IndexReport;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code oncell bench search}: code search on a generated repository: indexing throughput, query
 * latency, incremental update, grep against {@code grep -rnE}, index size, embeddings.
 */
@Command(
    name = "search",
    description = {
      "Measure code search on the JDK's sources or a generated tree: indexing files/s and chunks/s, query p50/p99,",
      "one-file incremental update, grep against grep -rnE, index size, embedding throughput."
    })
final class SearchBenchCommand implements Callable<Integer> {

  /** Held strongly: java.util.logging forgets the level of a logger nobody references. */
  private static final List<Logger> QUIET =
      List.of(Logger.getLogger("org.apache.lucene"), Logger.getLogger("ai.djl"));

  @Spec CommandSpec spec;

  @Option(
      names = "--corpus",
      defaultValue = "jdk",
      description =
          "jdk: the running JDK's own sources (lib/src.zip, real code every machine has);"
              + " synthetic: a generated multi-language tree (default jdk).")
  String corpus;

  @Option(
      names = "--files",
      defaultValue = "10000",
      description = "Files to index (default 10000).")
  int files;

  @Option(
      names = "--functions",
      defaultValue = "10",
      description = "Functions per generated file, about one chunk each (default 10).")
  int functions;

  @Option(names = "--queries", defaultValue = "200", description = "Queries timed (default 200).")
  int queries;

  @Option(
      names = "--embed-files",
      defaultValue = "300",
      description = "Files of a second, embedded index (default 300; 0 skips embeddings).")
  int embedFiles;

  @Option(names = "--seed", defaultValue = "42", description = "Generator seed (default 42).")
  long seed;

  private final List<String[]> rows = new ArrayList<>();

  @Override
  public Integer call() throws Exception {
    if (files < 1 || functions < 1 || queries < 1 || embedFiles < 0) {
      throw new CliException("counts must be positive", "invalid_argument", 2);
    }
    if (!corpus.equals("jdk") && !corpus.equals("synthetic")) {
      throw new CliException(
          "--corpus must be jdk or synthetic, not '" + corpus + "'", "invalid_argument", 2);
    }
    QUIET.forEach(logger -> logger.setLevel(Level.WARNING));
    PrintWriter out = spec.commandLine().getOut();
    Path top = Files.createTempDirectory("oncell-bench-search-");
    try {
      BenchCorpus main = corpus(seed);
      keywordIndex(top, main, out);
      if (embedFiles > 0) {
        embeddedIndex(top, corpus(seed + 1), out);
      }
      out.printf(
          "%noncell bench search: %s, %d cores, Java %s%n%n",
          main.name(), Runtime.getRuntime().availableProcessors(), Runtime.version());
      Table table = Table.of("MEASURE", "VALUE");
      rows.forEach(r -> table.row(r[0], r[1]));
      table.print(out);
      out.flush();
    } finally {
      BenchCommand.deleteTree(top);
    }
    return 0;
  }

  private BenchCorpus corpus(long seed) {
    if (corpus.equals("jdk")) {
      Optional<JdkSources> jdk = JdkSources.find();
      if (jdk.isPresent()) {
        return jdk.get();
      }
      spec.commandLine()
          .getErr()
          .println("oncell: this JDK has no lib/src.zip; using a generated tree instead");
    }
    return new SyntheticRepo(seed, functions);
  }

  private void keywordIndex(Path top, BenchCorpus repo, PrintWriter out) throws Exception {
    Path root = top.resolve("repo");
    out.printf("writing up to %d files (%s)...%n", files, repo.name());
    out.flush();
    long bytes = repo.write(root, files);
    long written;
    try (var paths = Files.walk(root)) {
      written = paths.filter(Files::isRegularFile).count();
    }
    row("corpus", "%d files, %.1f MB", written, bytes / 1e6);

    try (CodeIndex index = CodeIndex.open(top.resolve("index"), root, Optional.empty())) {
      out.println("indexing (keyword only)...");
      out.flush();
      long start = System.nanoTime();
      IndexReport report = index.index("", Optional.empty());
      double seconds = (System.nanoTime() - start) / 1e9;
      row(
          "index, keyword only",
          "%.1f s: %.0f files/s, %.0f chunks/s (%d chunks)",
          seconds,
          report.files() / seconds,
          report.chunks() / seconds,
          report.chunks());
      long indexBytes = size(top.resolve("index"));
      row(
          "index size / corpus",
          "%.1f MB / %.1f MB = %.2f",
          indexBytes / 1e6,
          bytes / 1e6,
          (double) indexBytes / bytes);

      List<String> qs = repo.queries(queries);
      Latencies search = time(qs.size(), i -> index.search(qs.get(i), 10, Optional.empty()));
      row("search, keyword (p50 / p99)", "%.2f / %.2f ms", search.p50(), search.p99());

      incremental(root, repo, index);
      grep(root, repo, index);
    }
  }

  private void incremental(Path root, BenchCorpus repo, CodeIndex index) throws IOException {
    String path = repo.fileToEdit();
    Path file = root.resolve(path);
    String original = Files.readString(file);
    int rounds = 20;
    long[] onePath = new long[rounds];
    for (int i = 0; i < rounds; i++) {
      String marker = "zebraquokka" + i;
      Files.writeString(file, original + "\n// " + marker + "\n");
      long start = System.nanoTime();
      index.index(path, Optional.empty());
      boolean found = !index.search(marker, 1, Optional.empty()).isEmpty();
      onePath[i] = System.nanoTime() - start;
      if (!found) {
        throw new IllegalStateException("the changed file was not searchable after indexing");
      }
    }
    Latencies one = Latencies.of(onePath);
    row(
        "1 changed file: index(file) -> searchable (p50 / p99)",
        "%.1f / %.1f ms",
        one.p50(),
        one.p99());
    Files.writeString(file, original + "\n// rescan\n");
    long start = System.nanoTime();
    index.index("", Optional.empty());
    row("1 changed file: rescan of the whole tree", "%.0f ms", (System.nanoTime() - start) / 1e6);
  }

  private void grep(Path root, BenchCorpus repo, CodeIndex index) throws Exception {
    List<String> patterns = repo.grepPatterns();
    Table table = Table.of("GREP PATTERN", "LINES", "ONCELL P50 MS", "GREP -rnE MS", "SPEED-UP");
    List<Double> speedups = new ArrayList<>();
    for (String pattern : patterns) {
      List<GrepMatch> ours = index.grep(pattern, Optional.empty(), 10_000);
      Latencies oursTime = time(5, i -> index.grep(pattern, Optional.empty(), 10_000));
      long[] theirs = new long[3];
      long lines = 0;
      for (int i = 0; i < theirs.length; i++) {
        long start = System.nanoTime();
        lines = grepR(root, pattern);
        theirs[i] = System.nanoTime() - start;
      }
      Latencies grepTime = Latencies.of(theirs);
      double speedup = grepTime.p50() / Math.max(0.001, oursTime.p50());
      speedups.add(speedup);
      table.row(
          pattern,
          ours.size() + (ours.size() == lines ? "" : " (grep: " + lines + ")"),
          String.format("%.1f", oursTime.p50()),
          String.format("%.1f", grepTime.p50()),
          String.format("%.0fx", speedup));
    }
    PrintWriter out = spec.commandLine().getOut();
    table.print(out);
    out.flush();
    speedups.sort(Comparator.naturalOrder());
    row("grep vs grep -rnE (median speed-up)", "%.0fx", speedups.get(speedups.size() / 2));
  }

  private static long grepR(Path root, String pattern) throws Exception {
    Process p =
        new ProcessBuilder("grep", "-rnE", "--", pattern, ".")
            .directory(root.toFile())
            .redirectErrorStream(true)
            .start();
    long lines;
    try (var reader = p.inputReader()) {
      lines = reader.lines().count();
    }
    if (!p.waitFor(5, TimeUnit.MINUTES)) {
      p.destroyForcibly();
    }
    return lines;
  }

  private void embeddedIndex(Path top, BenchCorpus repo, PrintWriter out) throws Exception {
    Path root = top.resolve("repo-embedded");
    repo.write(root, embedFiles);
    try (Embedder embedder = Embedders.named(Embedders.STANDARD);
        CodeIndex index =
            CodeIndex.open(top.resolve("index-embedded"), root, Optional.of(embedder))) {
      out.printf("indexing %d files with embeddings (%s)...%n", embedFiles, embedder.name());
      out.flush();
      long start = System.nanoTime();
      IndexReport report = index.index("", Optional.empty());
      index.awaitIdle(Duration.ofHours(2));
      double seconds = (System.nanoTime() - start) / 1e9;
      row(
          "index with embeddings (" + embedder.name() + ")",
          "%.1f s: %.1f files/s, %.0f chunks/s (%d chunks)",
          seconds,
          report.files() / seconds,
          report.chunks() / seconds,
          report.chunks());
      List<String> qs = repo.queries(queries);
      Latencies hybrid = time(qs.size(), i -> index.search(qs.get(i), 10, Optional.empty()));
      row(
          "search, hybrid incl. query embedding (p50 / p99)",
          "%.2f / %.2f ms",
          hybrid.p50(),
          hybrid.p99());
    }
  }

  private interface Op {
    void run(int i) throws Exception;
  }

  private static Latencies time(int count, Op op) throws Exception {
    for (int i = 0; i < Math.min(count, 20); i++) {
      op.run(i);
    }
    long[] nanos = new long[count];
    for (int i = 0; i < count; i++) {
      long start = System.nanoTime();
      op.run(i);
      nanos[i] = System.nanoTime() - start;
    }
    return Latencies.of(nanos);
  }

  private void row(String name, String format, Object... args) {
    rows.add(new String[] {name, String.format(format, args)});
  }

  private static long size(Path dir) throws IOException {
    try (var paths = Files.walk(dir)) {
      return paths.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
    }
  }
}
