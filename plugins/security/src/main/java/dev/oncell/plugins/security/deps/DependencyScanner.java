package dev.oncell.plugins.security.deps;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.oncell.agent.Db;
import dev.oncell.plugins.security.Finding;
import dev.oncell.plugins.security.Scanner;
import dev.oncell.plugins.security.Severity;
import dev.oncell.plugins.security.SourceFile;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The dependency engine: reads the lock files and manifests among the scanned files and matches
 * every pinned dependency against the OSV snapshot in the cell's database ({@link OsvStore}).
 * Deterministic and offline; a file it cannot read is reported as skipped, never thrown.
 *
 * <pre>{@code
 * DependencyScanner deps = new DependencyScanner(OsvStore.over(ctx.db()));
 * DependencyReport report = deps.report(files);
 * }</pre>
 */
public final class DependencyScanner implements Scanner {

  public static final String CATEGORY = "dependencies";

  private static final ObjectMapper JSON = new ObjectMapper();

  /** Bumped when parsing or matching changes what a lock file gives, so that scans run again. */
  static final String ENGINE_VERSION = "deps-1";

  private final OsvStore store;
  private final Lockfiles lockfiles;
  private final List<String> leftOut = new ArrayList<>();
  private Optional<String> version = Optional.empty();

  /**
   * A scanner over the snapshot in the cell's database: {@code new DependencyScanner(ctx.db())}.
   */
  public DependencyScanner(Db db) {
    this(OsvStore.over(db));
  }

  public DependencyScanner(OsvStore store) {
    this(store, Lockfiles.DEFAULT_MAX_BYTES);
  }

  /** A scanner that skips lock files larger than {@code maxFileBytes}. */
  public DependencyScanner(OsvStore store, int maxFileBytes) {
    this.store = Objects.requireNonNull(store, "store");
    this.lockfiles = new Lockfiles(maxFileBytes);
  }

  /** Whether the engine reads the file at {@code path}: what the agent needs to hand it. */
  public static boolean reads(String path) {
    return Lockfiles.isLockfile(path);
  }

  @Override
  public String category() {
    return CATEGORY;
  }

  @Override
  public List<Finding> scan(List<SourceFile> files) {
    DependencyReport report = report(files);
    report.skipped().forEach(s -> leftOut.add(s.file() + ": " + s.reason()));
    report
        .unresolved()
        .forEach(u -> leftOut.add(u.file() + ":" + u.line() + ": " + u.name() + ": " + u.reason()));
    report
        .withoutSnapshot()
        .forEach(e -> leftOut.add(e + ": no OSV snapshot imported; its dependencies not checked"));
    return report.findings();
  }

  /**
   * What the {@link #scan} calls since the last call left out, one line each: skipped files,
   * dependencies without an exact version, ecosystems without a snapshot. (The security agent's
   * {@code Scanner} reads it once per call.)
   */
  public List<String> takeSkipped() {
    List<String> lines = List.copyOf(leftOut);
    leftOut.clear();
    return lines;
  }

  /**
   * What besides a lock file's bytes decides its findings: this engine's version and the snapshot
   * in force for each ecosystem (its date and import time), so that a scan incremental by blob
   * scans every lock file again after an import.
   */
  public String version() {
    if (version.isEmpty()) {
      StringBuilder v = new StringBuilder(ENGINE_VERSION);
      for (Snapshot s : store.snapshots()) {
        v.append(';')
            .append(s.ecosystem())
            .append('=')
            .append(s.date())
            .append('@')
            .append(s.importedAt());
      }
      version = Optional.of(v.toString());
    }
    return version.get();
  }

  /** The findings with the snapshots used and what was not checked. */
  public DependencyReport report(List<SourceFile> files) {
    List<Dependency> dependencies = new ArrayList<>();
    List<Unresolved> unresolved = new ArrayList<>();
    List<Skipped> skipped = new ArrayList<>();
    for (SourceFile file : files) {
      ParsedFile parsed = lockfiles.parse(file);
      dependencies.addAll(parsed.dependencies());
      unresolved.addAll(parsed.unresolved());
      parsed.skipped().ifPresent(skipped::add);
    }
    Map<Ecosystem, List<Dependency>> byEcosystem = new TreeMap<>();
    for (Dependency d : dependencies) {
      byEcosystem.computeIfAbsent(d.ecosystem(), k -> new ArrayList<>()).add(d);
    }
    List<Finding> findings = new ArrayList<>();
    List<Snapshot> used = new ArrayList<>();
    List<String> missing = new ArrayList<>();
    List<Snapshot> snapshots = byEcosystem.isEmpty() ? List.of() : store.snapshots();
    for (Map.Entry<Ecosystem, List<Dependency>> e : byEcosystem.entrySet()) {
      Ecosystem ecosystem = e.getKey();
      Optional<Snapshot> snapshot =
          snapshots.stream().filter(s -> s.ecosystem().equals(ecosystem.osvName())).findFirst();
      if (snapshot.isEmpty()) {
        missing.add(ecosystem.osvName());
        continue;
      }
      used.add(snapshot.get());
      match(ecosystem, e.getValue(), snapshot.get(), findings);
    }
    TreeSet<String> fingerprints = new TreeSet<>();
    findings.removeIf(f -> !fingerprints.add(f.fingerprint())); // the same pin twice in one file
    findings.sort(
        Comparator.comparing(Finding::file)
            .thenComparingInt(Finding::line)
            .thenComparing(Finding::rule)
            .thenComparing(Finding::snippet));
    return new DependencyReport(findings, used, missing, dependencies.size(), unresolved, skipped);
  }

  private void match(
      Ecosystem ecosystem, List<Dependency> dependencies, Snapshot snapshot, List<Finding> out) {
    TreeSet<String> names = new TreeSet<>();
    dependencies.forEach(d -> names.add(ecosystem.normalize(d.name())));
    Map<String, List<AffectedEntry>> byName = new TreeMap<>();
    for (AffectedEntry entry : store.affected(ecosystem, names)) {
      byName.computeIfAbsent(entry.name(), k -> new ArrayList<>()).add(entry);
    }
    for (Dependency d : dependencies) {
      TreeSet<String> reported = new TreeSet<>();
      for (AffectedEntry entry : byName.getOrDefault(ecosystem.normalize(d.name()), List.of())) {
        if (reported.contains(entry.vulnerability())) {
          continue; // one finding per vulnerability, even when it has several affected entries
        }
        Optional<OsvRanges.Match> match = ranges(entry).match(d.version(), ecosystem.order());
        if (match.isPresent()) {
          reported.add(entry.vulnerability());
          out.add(finding(d, entry, match.get(), snapshot));
        }
      }
    }
  }

  private static OsvRanges ranges(AffectedEntry entry) {
    try {
      return OsvRanges.fromCompact(JSON.readTree(entry.ranges()));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("the snapshot's ranges of " + entry.vulnerability(), e);
    }
  }

  private static Finding finding(
      Dependency d, AffectedEntry entry, OsvRanges.Match match, Snapshot snapshot) {
    String evidence =
        d.ecosystem().osvName()
            + " "
            + d.name()
            + " "
            + d.version()
            + ": affected "
            + match.affected()
            + ", "
            + match.fixed().map(f -> "fixed in " + f).orElse("no fixed version known")
            + (entry.aliases().isEmpty() ? "" : "; aliases " + entry.aliases())
            + "; snapshot "
            + snapshot.date();
    return new Finding(
        CATEGORY,
        entry.vulnerability(),
        severity(entry.severity()),
        entry.cwe(),
        d.file(),
        d.line(),
        d.coordinates(),
        fingerprint(d, entry.vulnerability()),
        evidence);
  }

  private static Severity severity(String name) {
    try {
      return Severity.valueOf(name);
    } catch (IllegalArgumentException e) {
      return Severity.MEDIUM; // the import writes only Severity names; be lenient with old rows
    }
  }

  /** Stable across scans and unrelated edits: the line is not part of it. */
  static String fingerprint(Dependency d, String vulnerability) {
    String key =
        String.join(
            "\n",
            CATEGORY,
            vulnerability,
            d.ecosystem().osvName(),
            d.ecosystem().normalize(d.name()),
            d.version(),
            d.file());
    try {
      byte[] hash =
          MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(hash, 0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }
}
