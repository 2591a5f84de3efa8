package dev.oncell.plugins.security.code;

import dev.oncell.plugins.security.Finding;
import dev.oncell.plugins.security.SourceFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The code engine's benchmark: the labelled cases scored per category as true-positive rate minus
 * false-positive rate (the OWASP Benchmark's score), and the throughput on a real repository.
 *
 * <pre>
 * mvn -o -q -pl plugins/security -am test-compile
 * mvn -o -q -pl plugins/security exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=dev.oncell.plugins.security.code.CodeBenchmark [-Dexec.args=/path/to/repo]
 * </pre>
 *
 * With no argument the throughput part scans the repository it is run from (the current folder).
 */
public final class CodeBenchmark {

  private CodeBenchmark() {}

  /** The files of a repository's working tree, without build output and dependencies. */
  private static List<SourceFile> folder(Path repo, int max) throws IOException {
    List<SourceFile> files = new ArrayList<>();
    try (Stream<Path> walk = Files.walk(repo)) {
      for (Path p : walk.filter(Files::isRegularFile).sorted().toList()) {
        String rel = repo.relativize(p).toString().replace('\\', '/');
        if (rel.contains("/target/")
            || rel.startsWith("target/")
            || rel.contains("node_modules/")
            || rel.startsWith(".git/")
            || Lang.of(rel).isEmpty()) {
          continue;
        }
        if (files.size() == max) {
          break;
        }
        files.add(new SourceFile(rel, "bench", Files.readAllBytes(p)));
      }
    }
    return files;
  }

  /** The sources in a zip, such as the JDK's {@code lib/src.zip}, in the zip's order. */
  private static List<SourceFile> zip(Path zip, int max) throws IOException {
    List<SourceFile> files = new ArrayList<>();
    try (java.util.zip.ZipFile z = new java.util.zip.ZipFile(zip.toFile())) {
      for (java.util.zip.ZipEntry e : java.util.Collections.list(z.entries())) {
        if (files.size() == max) {
          break;
        }
        if (!e.isDirectory() && Lang.of(e.getName()).isPresent()) {
          try (java.io.InputStream in = z.getInputStream(e)) {
            files.add(new SourceFile(e.getName(), "bench", in.readAllBytes()));
          }
        }
      }
    }
    return files;
  }

  public static void main(String[] args) throws IOException {
    CodeScanner scanner = CodeScanner.create();
    List<LabelledCase> all = LabelledCase.all();
    List<Finding> findings = scanner.scan(all.stream().map(LabelledCase::file).toList());
    score(
        "development set (cases/, generated, written with the engine)",
        LabelledCase.of("cases"),
        findings);
    score(
        "held-out set (heldout/, realistic code, not tuned for)",
        LabelledCase.of("heldout"),
        findings);
    score(
        "second held-out set (heldout2/, written before the fixes the first one prompted)",
        LabelledCase.of("heldout2"),
        findings);
    List<LabelledCase> heldOut = new ArrayList<>(LabelledCase.of("heldout"));
    heldOut.addAll(LabelledCase.of("heldout2"));
    score("both held-out sets", heldOut, findings);
    score("all", all, findings);
    Path repo = Path.of(args.length > 0 ? args[0] : ".").toAbsolutePath().normalize();
    int max = args.length > 1 ? Integer.parseInt(args[1]) : Integer.MAX_VALUE;
    throughput(scanner, repo, max);
  }

  private static void score(String title, List<LabelledCase> cases, List<Finding> findings) {
    Map<String, int[]> byCategory = new TreeMap<>(); // tp, fn, fp, tn
    List<String> wrong = new ArrayList<>();
    for (LabelledCase c : cases) {
      boolean flagged = c.flagged(findings);
      int[] counts = byCategory.computeIfAbsent(c.category(), k -> new int[4]);
      int slot = c.vulnerable() ? (flagged ? 0 : 1) : (flagged ? 2 : 3);
      counts[slot]++;
      if (slot == 1 || slot == 2) {
        wrong.add((slot == 1 ? "missed      " : "false alarm ") + c.path());
      }
    }
    System.out.println("## " + title + ": " + cases.size() + " cases");
    System.out.printf(
        "%-16s %4s %4s %4s %4s %6s %6s %8s%n",
        "category", "TP", "FN", "FP", "TN", "TPR", "FPR", "TPR-FPR");
    double sum = 0;
    int scored = 0;
    for (Map.Entry<String, int[]> e : byCategory.entrySet()) {
      int[] n = e.getValue();
      double tpr = n[0] + n[1] == 0 ? 0 : (double) n[0] / (n[0] + n[1]);
      double fpr = n[2] + n[3] == 0 ? 0 : (double) n[2] / (n[2] + n[3]);
      boolean both = n[0] + n[1] > 0 && n[2] + n[3] > 0;
      if (both) {
        sum += tpr - fpr;
        scored++;
      }
      System.out.printf(
          "%-16s %4d %4d %4d %4d %6s %6s %8s%n",
          e.getKey(),
          n[0],
          n[1],
          n[2],
          n[3],
          n[0] + n[1] == 0 ? "n/a" : String.format("%.2f", tpr),
          n[2] + n[3] == 0 ? "n/a" : String.format("%.2f", fpr),
          both ? String.format("%.2f", tpr - fpr) : "n/a");
    }
    System.out.printf(
        "%-16s %34s %8.2f  (over the %d categories with both vulnerable and safe cases)%n",
        "average", "", scored == 0 ? 0 : sum / scored, scored);
    if (!wrong.isEmpty()) {
      System.out.println("wrong verdicts:");
      wrong.forEach(w -> System.out.println("  " + w));
    }
    System.out.println();
  }

  private static void throughput(CodeScanner scanner, Path repo, int max) throws IOException {
    List<SourceFile> files = repo.toString().endsWith(".zip") ? zip(repo, max) : folder(repo, max);
    long bytes = files.stream().mapToLong(f -> f.content().length).sum();
    scanner.scanAll(files); // warm-up: class loading, JIT, natives
    java.lang.management.ThreadMXBean threads =
        java.lang.management.ManagementFactory.getThreadMXBean();
    long cpuStart = threads.getCurrentThreadCpuTime();
    long start = System.nanoTime();
    CodeScan scan = scanner.scanAll(files);
    double seconds = (System.nanoTime() - start) / 1e9;
    double cpuSeconds = (threads.getCurrentThreadCpuTime() - cpuStart) / 1e9;
    System.out.println();
    System.out.printf(
        "throughput on %s: %d files (%.1f MB) in %.2f s: %.0f files/s, %.2f MB/s; %d findings, %d skipped%n",
        repo,
        files.size(),
        bytes / 1e6,
        seconds,
        files.size() / seconds,
        bytes / 1e6 / seconds,
        scan.findings().size(),
        scan.skipped().size());
    scan.skipped().stream()
        .map(k -> k.reason().replaceAll("\\(.*\\)|[0-9,]+", "N"))
        .collect(
            java.util.stream.Collectors.groupingBy(
                r -> r, TreeMap::new, java.util.stream.Collectors.counting()))
        .forEach((reason, n) -> System.out.printf("  %d %s%n", n, reason));
    System.out.printf(
        "on one core's CPU time (less sensitive to a loaded machine): %.2f s: %.0f files/s, %.2f MB/s%n",
        cpuSeconds, files.size() / cpuSeconds, bytes / 1e6 / cpuSeconds);
    // The share of tree-sitter: parsing and copying the trees, without the data flow.
    long parseStart = System.nanoTime();
    long parseCpuStart = threads.getCurrentThreadCpuTime();
    try (org.treesitter.TSParser parser = new org.treesitter.TSParser()) {
      Lang current = null;
      Symbols symbols = null;
      for (SourceFile f : files) {
        Lang lang = Lang.of(f.path()).orElseThrow();
        if (lang != current) {
          org.treesitter.TSLanguage grammar = lang.grammar();
          parser.setLanguage(grammar);
          symbols = new Symbols(grammar);
          current = lang;
        }
        try {
          ParsedFile.parse(parser, symbols, f.text(), 500_000, 400);
        } catch (ParsedFile.TooLarge e) {
          // skipped by the scan too
        }
      }
    }
    double parseSeconds = (System.nanoTime() - parseStart) / 1e9;
    double parseCpu = (threads.getCurrentThreadCpuTime() - parseCpuStart) / 1e9;
    System.out.printf(
        "of which parsing (tree-sitter, and copying the tree): %.2f s, %.2f s CPU (%.0f%% of the scan's CPU)%n",
        parseSeconds, parseCpu, 100 * parseCpu / cpuSeconds);
  }
}
