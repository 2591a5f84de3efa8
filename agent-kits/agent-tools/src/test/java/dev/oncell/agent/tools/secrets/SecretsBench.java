package dev.oncell.agent.tools.secrets;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The secrets engine measured: precision and recall of the shipped rules on their fixtures, then
 * files/s over a real repository's working tree and blobs/s over its whole history (a fresh clone
 * of the repository given, by default this one). Prints tables; asserts nothing.
 *
 * <pre>
 * mvn -B -o -q -pl agent-kits/agent-tools -am test-compile exec:java \
 *   -Dexec.mainClass=dev.oncell.agent.tools.secrets.SecretsBench -Dexec.classpathScope=test \
 *   -Dexec.args=/path/to/a/repository
 * </pre>
 */
public final class SecretsBench {

  private SecretsBench() {}

  public static void main(String[] args) throws Exception {
    SecretScanner scanner = SecretScanner.defaults();
    fixtures(scanner);
    Path source = Path.of(args.length > 0 ? args[0] : ".").toAbsolutePath();
    Path clone = Files.createTempDirectory("secrets-bench-");
    try {
      run(
          List.of("git", "clone", "--quiet", "--no-local", source.toString(), clone.toString()),
          null);
      throughput(scanner, clone);
    } finally {
      run(List.of("rm", "-rf", clone.toString()), null);
    }
    System.out.println("load: " + new String(run(List.of("uptime"), null)).strip());
  }

  private static void fixtures(SecretScanner scanner) {
    int tp = 0;
    int fn = 0;
    int fp = 0;
    int tn = 0;
    Map<String, int[]> perRule = new TreeMap<>();
    for (RuleFixtures.Fixture f : RuleFixtures.load().fixtures()) {
      int[] c = perRule.computeIfAbsent(f.rule(), k -> new int[4]);
      for (String text : f.positive()) {
        boolean found = RuleFixtures.finds(scanner, f.rule(), text);
        c[found ? 0 : 1]++;
      }
      for (String text : f.negative()) {
        boolean found = RuleFixtures.finds(scanner, f.rule(), text);
        c[found ? 2 : 3]++;
      }
      tp += c[0];
      fn += c[1];
      fp += c[2];
      tn += c[3];
    }
    System.out.println("| rule | TP | FN | FP | TN |");
    System.out.println("|---|---|---|---|---|");
    perRule.forEach(
        (rule, c) ->
            System.out.printf("| %s | %d | %d | %d | %d |%n", rule, c[0], c[1], c[2], c[3]));
    System.out.printf(
        Locale.ROOT,
        "%nfixtures: %d rules, %d true- and %d false-positive texts; precision %.3f, recall %.3f%n%n",
        perRule.size(),
        tp + fn,
        fp + tn,
        tp + fp == 0 ? 1.0 : (double) tp / (tp + fp),
        tp + fn == 0 ? 1.0 : (double) tp / (tp + fn));
  }

  private static void throughput(SecretScanner scanner, Path repo) throws Exception {
    // Working tree: the files git tracks, read from disk.
    List<Path> files = new ArrayList<>();
    for (String p :
        new String(
                run(List.of("git", "-C", repo.toString(), "ls-files", "-z"), null),
                StandardCharsets.UTF_8)
            .split("\0")) {
      if (!p.isEmpty() && Files.isRegularFile(repo.resolve(p))) {
        files.add(repo.resolve(p));
      }
    }
    long bytes = 0;
    int leaks = 0;
    Map<String, Integer> byRule = new TreeMap<>();
    Map<String, Integer> byPlace = new TreeMap<>();
    long t0 = System.nanoTime();
    for (Path f : files) {
      byte[] content = Files.readAllBytes(f);
      bytes += content.length;
      String path = repo.relativize(f).toString();
      List<Leak> found =
          scanner.scan(path, new String(content, StandardCharsets.UTF_8), Optional.empty()).leaks();
      leaks += found.size();
      for (Leak l : found) {
        byRule.merge(l.ruleId(), 1, Integer::sum);
        byPlace.merge(path.contains("/src/test/") ? "test sources" : "elsewhere", 1, Integer::sum);
      }
    }
    double treeSeconds = (System.nanoTime() - t0) / 1e9;

    // History: every blob reachable from any ref, once, read with one cat-file --batch.
    byte[] listing =
        run(
            List.of(
                "sh",
                "-c",
                "git -C '"
                    + repo
                    + "' rev-list --objects --all | git -C '"
                    + repo
                    + "' cat-file --batch-check='%(objecttype) %(objectname) %(rest)'"
                    + " | grep '^blob ' | cut -d' ' -f2"),
            null);
    Process cat =
        new ProcessBuilder("git", "-C", repo.toString(), "cat-file", "--batch")
            .redirectError(ProcessBuilder.Redirect.INHERIT)
            .start();
    Thread.ofVirtual()
        .start(
            () -> {
              try (OutputStream out = cat.getOutputStream()) {
                out.write(listing);
              } catch (IOException e) {
                // cat-file ended early
              }
            });
    long t1 = System.nanoTime();
    long scanNanos = 0;
    int blobs = 0;
    long blobBytes = 0;
    int historyLeaks = 0;
    InputStream in = new BufferedInputStream(cat.getInputStream(), 1 << 16);
    String header;
    while ((header = line(in)) != null) {
      String[] h = header.split(" ");
      if (h.length != 3) {
        continue;
      }
      byte[] content = in.readNBytes(Integer.parseInt(h[2]));
      in.read();
      blobs++;
      blobBytes += content.length;
      long s0 = System.nanoTime();
      historyLeaks +=
          scanner
              .scan(h[0], new String(content, StandardCharsets.UTF_8), Optional.empty())
              .leaks()
              .size();
      scanNanos += System.nanoTime() - s0;
    }
    cat.waitFor();
    double historySeconds = scanNanos / 1e9;
    System.out.printf(
        Locale.ROOT,
        "(history read and scanned in %.2f s, of which scanning %.2f s)%n",
        (System.nanoTime() - t1) / 1e9,
        historySeconds);
    System.out.println("| what | items | MB | seconds | items/s | MB/s | findings |");
    System.out.println("|---|---|---|---|---|---|---|");
    row("working tree files", files.size(), bytes, treeSeconds, leaks);
    row("history blobs", blobs, blobBytes, historySeconds, historyLeaks);
    System.out.println("working-tree findings by rule: " + byRule + "; by place: " + byPlace);
    System.out.println(
        "(repository: "
            + repo.getFileName()
            + ", a clone of the one given; engine only: reading blobs is not timed)");
  }

  private static void row(String what, int items, long bytes, double seconds, int findings) {
    System.out.printf(
        Locale.ROOT,
        "| %s | %d | %.1f | %.2f | %.0f | %.1f | %d |%n",
        what,
        items,
        bytes / 1e6,
        seconds,
        items / seconds,
        bytes / 1e6 / seconds,
        findings);
  }

  private static String line(InputStream in) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int b;
    while ((b = in.read()) != -1 && b != '\n') {
      out.write(b);
    }
    return b == -1 && out.size() == 0 ? null : out.toString(StandardCharsets.US_ASCII);
  }

  private static byte[] run(List<String> command, byte[] stdin) throws Exception {
    Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    Thread feeder =
        Thread.ofVirtual()
            .start(
                () -> {
                  try (OutputStream out = p.getOutputStream()) {
                    if (stdin != null) {
                      out.write(stdin);
                    }
                  } catch (IOException e) {
                    // the process ended early; its exit code says so
                  }
                });
    byte[] out = p.getInputStream().readAllBytes();
    feeder.join();
    if (p.waitFor() != 0) {
      throw new IllegalStateException(command + " failed");
    }
    return out;
  }
}
