package dev.oncell.plugins.security.deps;

import dev.oncell.plugins.security.SourceFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

/**
 * The dependency engine's throughput (run by hand, see the README): imports a synthetic OSV
 * snapshot of N npm vulnerabilities (real OSV JSON shapes: one or two SEMVER intervals each,
 * several records per package, as npm's export has) into an H2 file database like a cell's, then
 * matches a {@code package-lock.json} of P packages against it, and prints a table.
 *
 * <pre>
 * DependencyBenchmark [vulns=20000] [packages=5000] [rounds=5] [seed=1]
 * </pre>
 *
 * <p>The H2 statements of each phase are counted: in a run every statement is one journaled step of
 * the cell (about 0.5 to 1 ms more each on this project's machines), which this in-process figure
 * does not include.
 */
public final class DependencyBenchmark {

  private DependencyBenchmark() {}

  public static void main(String[] args) throws Exception {
    Map<String, Long> opts =
        new LinkedHashMap<>(Map.of("vulns", 20_000L, "packages", 5_000L, "rounds", 5L, "seed", 1L));
    for (String arg : args) {
      String[] kv = arg.split("=", 2);
      if (kv.length != 2 || !opts.containsKey(kv[0])) {
        System.err.println("usage: DependencyBenchmark [vulns=N] [packages=N] [rounds=N] [seed=N]");
        System.exit(2);
      }
      opts.put(kv[0], Long.parseLong(kv[1]));
    }
    int vulns = opts.get("vulns").intValue();
    int packages = opts.get("packages").intValue();
    int rounds = opts.get("rounds").intValue();
    Random random = new Random(opts.get("seed"));
    int names = Math.max(1, vulns / 3); // about 3 records per vulnerable package

    byte[] zip = OsvFixtures.zip(records(vulns, names, random));
    Path dir = Files.createTempDirectory("osv-bench-");
    try (H2Db db = new H2Db("jdbc:h2:file:" + dir.resolve("cell") + ";DB_CLOSE_ON_EXIT=FALSE")) {
      OsvStore store = OsvStore.over(db);
      long t0 = System.nanoTime();
      ImportResult imported =
          new OsvImport(store)
              .run(OsvFixtures.archives(zip), Optional.empty(), "2026-12-07T00:00:00Z");
      double importSeconds = (System.nanoTime() - t0) / 1e9;
      int importStatements = db.statements;

      SourceFile lock =
          new SourceFile("package-lock.json", "oid", packageLock(packages, names, random));
      DependencyScanner scanner = new DependencyScanner(store);
      scanner.report(List.of(lock)); // warm-up
      double[] seconds = new double[rounds];
      int findings = 0;
      int scanStatements = 0;
      for (int r = 0; r < rounds; r++) {
        int before = db.statements;
        long s0 = System.nanoTime();
        findings = scanner.report(List.of(lock)).findings().size();
        seconds[r] = (System.nanoTime() - s0) / 1e9;
        scanStatements = db.statements - before;
      }
      Arrays.sort(seconds);
      double median = seconds[rounds / 2];

      System.out.printf(
          "OSV snapshot: %d npm records on %d packages, zip %.1f MB%n",
          imported.records(), names, zip.length / 1e6);
      System.out.printf("%-34s %14s %12s%n", "phase", "rate", "H2 statements");
      System.out.printf(
          "%-34s %10.0f rec/s %12d%n",
          "import (" + vulns + " records)", vulns / importSeconds, importStatements);
      System.out.printf(
          "%-34s %10.0f pkg/s %12d%n",
          "match (" + packages + " packages, median)", packages / median, scanStatements);
      System.out.printf(
          "findings per scan: %d; scan median %.1f ms, fastest %.1f ms (%d rounds)%n",
          findings, median * 1e3, seconds[0] * 1e3, rounds);
      System.out.printf(
          "machine: %d cores, load %s%n",
          Runtime.getRuntime().availableProcessors(), loadAverage());
    } finally {
      try (var files = Files.walk(dir)) {
        files.sorted((a, b) -> b.compareTo(a)).forEach(p -> p.toFile().delete());
      }
    }
  }

  private static Map<String, String> records(int vulns, int names, Random random) {
    Map<String, String> out = new LinkedHashMap<>();
    for (int i = 0; i < vulns; i++) {
      String id = "GHSA-bench-" + i;
      int major = random.nextInt(5);
      String ranges =
          random.nextBoolean()
              ? "{\"type\":\"SEMVER\",\"events\":[{\"introduced\":\"0\"},{\"fixed\":\""
                  + major
                  + ".2.0\"}]}"
              : "{\"type\":\"SEMVER\",\"events\":[{\"introduced\":\""
                  + major
                  + ".0.0\"},{\"fixed\":\""
                  + major
                  + ".1.5\"},{\"introduced\":\""
                  + (major + 1)
                  + ".0.0\"},{\"last_affected\":\""
                  + (major + 1)
                  + ".3.0\"}]}";
      out.put(
          id + ".json",
          "{\"schema_version\":\"1.6.0\",\"id\":\""
              + id
              + "\",\"modified\":\"2026-11-01T00:00:00Z\","
              + "\"aliases\":[\"CVE-2026-"
              + i
              + "\"],\"summary\":\"synthetic\",\"affected\":[{\"package\":"
              + "{\"ecosystem\":\"npm\",\"name\":\"pkg-"
              + random.nextInt(names)
              + "\"},\"ranges\":["
              + ranges
              + "]}],\"database_specific\":{\"cwe_ids\":[\"CWE-79\"],\"severity\":\"HIGH\"}}");
    }
    return out;
  }

  /** Half the packages have advisories (some of their versions affected), half have none. */
  private static byte[] packageLock(int packages, int names, Random random) {
    StringBuilder json =
        new StringBuilder("{\"lockfileVersion\":3,\"packages\":{\"\":{\"name\":\"app\"}");
    List<String> seen = new ArrayList<>();
    for (int i = 0; i < packages; i++) {
      String name = i % 2 == 0 ? "pkg-" + random.nextInt(names) : "clean-" + i;
      String path =
          "node_modules/" + (seen.contains(name) ? "x" + i + "/node_modules/" : "") + name;
      if (i < 1000) {
        seen.add(name);
      }
      json.append(",\"")
          .append(path)
          .append("\":{\"version\":\"")
          .append(random.nextInt(6))
          .append('.')
          .append(random.nextInt(4))
          .append('.')
          .append(random.nextInt(9))
          .append("\"}");
    }
    return json.append("}}").toString().getBytes(StandardCharsets.UTF_8);
  }

  private static String loadAverage() {
    try {
      return Files.readString(Path.of("/proc/loadavg")).strip();
    } catch (IOException e) {
      return "unknown";
    }
  }
}
