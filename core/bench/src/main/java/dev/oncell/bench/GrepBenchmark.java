package dev.oncell.bench;

import dev.oncell.search.CodeIndex;
import dev.oncell.search.GrepMatch;
import dev.oncell.search.IndexOptions;
import dev.oncell.search.IndexReport;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Grep on a warm index against {@code grep -rnE} on the same tree (run by hand, see the README).
 * Indexes a tree from scratch (time and size), then for each pattern checks that both print the
 * same lines and times them: the median (and the fastest) of 15 greps after 3 warm-up runs, and the
 * median of 3 {@code grep -rnE}. The fastest run shows what the code does when other processes
 * leave the cores alone.
 *
 * <p>Trees: {@code jdk [dir]} extracts the first 10,000 {@code .java} files of eight modules of the
 * running JDK's {@code lib/src.zip} (into {@code dir}, or a temporary folder); {@code synthetic
 * [dir]} writes 10,000 generated files ({@link SyntheticRepo}, the vocabulary of {@code oncell
 * bench search}); {@code tree dir pattern...} greps an existing folder for the given patterns.
 */
public final class GrepBenchmark {

  static final List<String> JDK_MODULES =
      List.of(
          "java.base",
          "java.desktop",
          "java.xml",
          "jdk.compiler",
          "java.management",
          "java.naming",
          "jdk.hotspot.agent",
          "java.sql");

  static final List<String> JDK_PATTERNS =
      List.of(
          "zqxnotfound",
          "ConcurrentModificationException",
          "synchronized \\(this\\)",
          "^import java\\.util\\.concurrent",
          "TODO|FIXME",
          "[Hh]ash[Mm]ap<",
          "(?i)hashmap",
          "^\\s*//.*TODO",
          "new [A-Z][a-z]+Exception\\(\"",
          "getClass\\(\\)",
          "(get|set)Property\\(",
          "a.b");

  static final List<String> SYNTHETIC_PATTERNS =
      List.of(
          "validateTokenSession",
          "refundLedger\\(|couponTax\\(",
          "expire[A-Z][a-z]+Queue",
          "def sync_[a-z]+_webhook",
          "func Verify[A-Za-z]+Signature",
          "\"warehouse\", 99[0-9]\\)",
          "(?i)REFUNDLEDGER\\(");

  private GrepBenchmark() {}

  public static void main(String[] args) throws Exception {
    String kind = args.length > 0 ? args[0] : "jdk";
    Path top = Files.createTempDirectory("oncell-grep-bench-");
    Path root = args.length > 1 ? Path.of(args[1]) : top.resolve("tree");
    List<String> patterns =
        switch (kind) {
          case "jdk" -> {
            if (!Files.isDirectory(root)) {
              extractJdk(root, 10_000);
            }
            yield JDK_PATTERNS;
          }
          case "synthetic" -> {
            if (!Files.isDirectory(root)) {
              new SyntheticRepo(42, 10).write(root, 10_000);
            }
            yield SYNTHETIC_PATTERNS;
          }
          case "tree" -> Arrays.asList(args).subList(2, args.length);
          default -> throw new IllegalArgumentException("jdk, synthetic or tree: " + kind);
        };
    long[] corpus = sizeOf(root);
    System.out.printf(
        "%s: %d files, %.1f MB, %d cores, Java %s%n",
        root,
        corpus[0],
        corpus[1] / 1e6,
        Runtime.getRuntime().availableProcessors(),
        Runtime.version());
    // -Dindex=dir keeps the index there and reuses it (an incremental run over an unchanged tree)
    String kept = System.getProperty("index");
    Path indexDir = kept == null ? top.resolve("index") : Path.of(kept);
    IndexOptions options = IndexOptions.defaults();
    if ("none".equals(System.getProperty("chunks"))) {
      options = options.withChunker((path, content) -> List.of());
      System.out.println("no chunks: only what grep uses is indexed");
    }
    try (CodeIndex index = CodeIndex.open(indexDir, root, options)) {
      var os =
          (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
      long cpu = os.getProcessCpuTime();
      long start = System.nanoTime();
      IndexReport report = index.index("", Optional.empty());
      double seconds = (System.nanoTime() - start) / 1e9;
      double cpuSeconds = (os.getProcessCpuTime() - cpu) / 1e9;
      long indexBytes = sizeOf(indexDir)[1];
      System.out.printf(
          "index run: %.1f s wall, %.1f s CPU, %d files, %d chunks; index %.1f MB (%.2fx the corpus)%n%n",
          seconds,
          cpuSeconds,
          report.files(),
          report.chunks(),
          indexBytes / 1e6,
          (double) indexBytes / corpus[1]);
      System.out.println(
          "| pattern | lines | ours, median (fastest) ms | `grep -rnE` ms | speed-up |");
      System.out.println("|---|---|---|---|---|");
      for (String pattern : patterns) {
        row(index, root, pattern);
      }
      index.close();
      long closed = sizeOf(indexDir)[1];
      System.out.printf(
          "%nindex after close: %.1f MB (%.2fx the corpus)%n",
          closed / 1e6, (double) closed / corpus[1]);
    } finally {
      if (kept == null) {
        deleteTree(indexDir);
      }
      deleteTree(top); // the tree itself is under it only when no folder was given
    }
  }

  private static void row(CodeIndex index, Path root, String pattern) throws Exception {
    for (int i = 0; i < 3; i++) {
      index.grep(pattern, Optional.empty(), 100_000);
    }
    long[] ours = new long[15];
    List<GrepMatch> found = List.of();
    for (int i = 0; i < ours.length; i++) {
      long start = System.nanoTime();
      found = index.grep(pattern, Optional.empty(), 100_000);
      ours[i] = System.nanoTime() - start;
    }
    long[] theirs = new long[3];
    Set<String> expected = Set.of();
    for (int i = 0; i < theirs.length; i++) {
      long start = System.nanoTime();
      expected = grep(root, pattern);
      theirs[i] = System.nanoTime() - start;
    }
    Set<String> actual = new HashSet<>();
    for (GrepMatch m : found) {
      actual.add(m.path() + ":" + m.line() + ":" + m.text());
    }
    String lines = String.format("%,d", found.size());
    if (!actual.equals(expected)) {
      Set<String> missing = new HashSet<>(expected);
      missing.removeAll(actual);
      Set<String> extra = new HashSet<>(actual);
      extra.removeAll(expected);
      lines +=
          " **differs from grep's "
              + expected.size()
              + "**: missing "
              + missing.stream().limit(3).toList()
              + ", extra "
              + extra.stream().limit(3).toList();
    }
    double oursMs = median(ours) / 1e6;
    double theirsMs = median(theirs) / 1e6;
    System.out.printf(
        "| `%s` | %s | %.1f (%.1f) | %.0f | %.1fx |%n",
        pattern.replace("|", "\\|"),
        lines,
        oursMs,
        Arrays.stream(ours).min().orElseThrow() / 1e6,
        theirsMs,
        theirsMs / oursMs);
  }

  /** The lines {@code grep -rnE} prints, as {@code path:line:text}; {@code (?i)} becomes -i. */
  static Set<String> grep(Path root, String pattern) throws Exception {
    List<String> command = new ArrayList<>(List.of("/usr/bin/grep", "-rnE"));
    if (pattern.startsWith("(?i)")) {
      command.add("-i");
      pattern = pattern.substring(4);
    }
    command.addAll(List.of("-e", pattern, "."));
    ProcessBuilder pb = new ProcessBuilder(command).directory(root.toFile());
    pb.environment().put("LC_ALL", "C.UTF-8");
    Process p = pb.start();
    byte[] out;
    try (InputStream in = p.getInputStream()) {
      out = in.readAllBytes();
    }
    if (p.waitFor() > 1) {
      throw new IllegalStateException("grep failed on " + pattern);
    }
    Set<String> lines = new HashSet<>();
    for (String line : new String(out, StandardCharsets.UTF_8).split("\n")) {
      if (!line.isEmpty()) {
        lines.add(line.substring(2)); // "./"
      }
    }
    return lines;
  }

  private static long median(long[] values) {
    long[] sorted = values.clone();
    Arrays.sort(sorted);
    return sorted[sorted.length / 2];
  }

  /** Extracts the first {@code max} {@code .java} files of {@link #JDK_MODULES}, by name. */
  static void extractJdk(Path root, int max) throws IOException {
    JdkSources.find(JDK_MODULES)
        .orElseThrow(() -> new IllegalStateException("this JDK has no lib/src.zip"))
        .write(root, max);
  }

  /** Files and bytes under {@code dir}. */
  static long[] sizeOf(Path dir) throws IOException {
    long[] out = new long[2];
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path p : s.filter(Files::isRegularFile).toList()) {
        out[0]++;
        out[1] += Files.size(p);
      }
    }
    return out;
  }

  private static void deleteTree(Path dir) throws IOException {
    if (Files.exists(dir)) {
      BenchCommand.deleteTree(dir);
    }
  }
}
