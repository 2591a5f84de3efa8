package dev.oncell.plugins.security.deps;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * Imports osv.dev's export of an ecosystem ({@code all.zip}: one OSV JSON record per entry) into
 * the cell's {@link OsvStore}, replacing the snapshot of each ecosystem the archive holds, all at
 * once or not at all. An archive may come in parts (the CLI splits a large one to fit the server's
 * upload limit): the parts of one call are one snapshot.
 *
 * <p>Bounded against a hostile archive: each record at most {@link #MAX_RECORD_BYTES}, the whole at
 * most {@link #MAX_TOTAL_BYTES} uncompressed and {@link #MAX_RECORDS} records; a truncated archive
 * (entries missing from the central directory's count) and a record that is not JSON fail the
 * import with a clear error, and the snapshot in force stays.
 */
public final class OsvImport {

  static final int MAX_RECORD_BYTES = 16 << 20;
  static final long MAX_TOTAL_BYTES = 8L << 30;
  static final int MAX_RECORDS = 5_000_000;

  private static final ObjectMapper JSON =
      new ObjectMapper(
          JsonFactory.builder()
              .streamReadConstraints(
                  StreamReadConstraints.builder()
                      .maxNestingDepth(100)
                      .maxStringLength(MAX_RECORD_BYTES)
                      .build())
              .build());

  /** One archive (or part of one) to import, with the name errors give. */
  public record Archive(String name, byte[] bytes) {
    public Archive {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(bytes, "bytes");
    }
  }

  /** The parts of an import, read one at a time so that only one is in memory. */
  public interface Archives {
    int count();

    Archive read(int index);

    /** Called after each part with how far the import is; does nothing by default. */
    default void imported(int part, int records) {}
  }

  private final OsvStore store;

  public OsvImport(OsvStore store) {
    this.store = Objects.requireNonNull(store, "store");
  }

  /**
   * Imports {@code archives}, keeping only {@code only}'s records when present.
   *
   * @param importedAt the import's time (ISO-8601), recorded with the snapshot
   * @throws DepsException {@code osv_bad_zip}, {@code osv_bad_record}, {@code osv_too_large} or
   *     {@code osv_no_records}; the snapshot in force is then unchanged
   */
  public ImportResult run(Archives archives, Optional<Ecosystem> only, String importedAt) {
    String scope = only.map(Ecosystem::osvName).orElse("*");
    long generation = store.begin(importedAt);
    try {
      Progress progress = new Progress(only);
      MessageDigest sha = sha256();
      for (int i = 0; i < archives.count(); i++) {
        readArchive(archives.read(i), generation, progress, sha);
        archives.imported(i + 1, progress.records);
      }
      progress.flush(generation);
      if (progress.perEcosystem.isEmpty()) {
        throw DepsException.invalid(
            "osv_no_records",
            "no OSV records"
                + only.map(e -> " for " + e.osvName()).orElse(" of a supported ecosystem")
                + " in the archive ("
                + progress.records
                + " records read); nothing imported. Supported: "
                + Ecosystem.names());
      }
      String digest = HexFormat.of().formatHex(sha.digest());
      if (store.isCurrent(digest, scope)) {
        store.abandon(generation);
        return new ImportResult(
            true, current(progress), progress.records, progress.withdrawn, progress.ignored);
      }
      for (Map.Entry<String, EcosystemStats> e : progress.perEcosystem.entrySet()) {
        EcosystemStats stats = e.getValue();
        String date = stats.newest.map(Instant::toString).orElse(importedAt);
        store.describe(
            generation, new Snapshot(e.getKey(), date, importedAt, stats.records), scope, digest);
      }
      store.publish(generation);
      return new ImportResult(
          false, current(progress), progress.records, progress.withdrawn, progress.ignored);
    } catch (RuntimeException e) {
      try {
        store.abandon(generation);
      } catch (RuntimeException cleanup) {
        e.addSuppressed(cleanup);
      }
      throw e;
    }
  }

  private List<Snapshot> current(Progress progress) {
    return store.snapshots().stream()
        .filter(s -> progress.perEcosystem.containsKey(s.ecosystem()))
        .toList();
  }

  /**
   * Reads one archive's records into the snapshot; {@code sha} digests each record's name and
   * content, so that the same records in other zip bytes (parts cut elsewhere, another compression)
   * are the same archive to {@link OsvStore#isCurrent}.
   */
  private void readArchive(Archive archive, long generation, Progress progress, MessageDigest sha) {
    byte[] bytes = archive.bytes();
    int expected = ZipDirectory.entryCount(bytes, archive.name());
    int entries = 0;
    try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(bytes))) {
      ZipEntry entry;
      while ((entry = zip.getNextEntry()) != null) {
        entries++;
        if (entry.isDirectory() || !entry.getName().endsWith(".json")) {
          continue;
        }
        byte[] record = readBounded(zip, archive.name(), entry.getName(), progress);
        sha.update(entry.getName().getBytes(StandardCharsets.UTF_8));
        sha.update((byte) 0);
        sha.update(record);
        progress.record(parse(archive.name(), entry.getName(), record));
        if (progress.buffer.size() >= OsvStore.ROWS_PER_INSERT * 10) {
          progress.flush(generation);
        }
      }
    } catch (IOException | IllegalArgumentException e) { // IAE: an entry name that is not UTF-8
      throw DepsException.invalid(
          "osv_bad_zip",
          "'"
              + archive.name()
              + "' is not a readable zip archive: "
              + e.getMessage()
              + "; nothing imported");
    }
    if (expected >= 0 && entries != expected) {
      throw DepsException.invalid(
          "osv_bad_zip",
          "'"
              + archive.name()
              + "' is truncated: its directory lists "
              + expected
              + " entries but "
              + entries
              + " could be read; nothing imported");
    }
  }

  private static byte[] readBounded(InputStream in, String archive, String entry, Progress progress)
      throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buffer = new byte[64 << 10];
    int n;
    while ((n = in.read(buffer)) > 0) {
      out.write(buffer, 0, n);
      progress.totalBytes += n;
      if (out.size() > MAX_RECORD_BYTES || progress.totalBytes > MAX_TOTAL_BYTES) {
        throw DepsException.invalid(
            "osv_too_large",
            "'"
                + archive
                + "': entry '"
                + entry
                + "' makes the archive larger than the import's limits ("
                + MAX_RECORD_BYTES
                + " bytes a record, "
                + MAX_TOTAL_BYTES
                + " bytes in all); nothing imported");
      }
    }
    if (++progress.entries > MAX_RECORDS) {
      throw DepsException.invalid(
          "osv_too_large",
          "'" + archive + "' has more than " + MAX_RECORDS + " records; nothing imported");
    }
    return out.toByteArray();
  }

  private static OsvRecords.Parsed parse(String archive, String entry, byte[] bytes) {
    try {
      JsonNode record = JSON.readTree(bytes);
      if (record == null || !record.isObject()) {
        throw new IllegalArgumentException("not a JSON object");
      }
      return OsvRecords.parse(record, Optional.empty());
    } catch (IOException | IllegalArgumentException e) {
      throw DepsException.invalid(
          "osv_bad_record",
          "'"
              + archive
              + "': entry '"
              + entry
              + "' is not an OSV record ("
              + PackageLockParser.firstLine(e.getMessage())
              + "); nothing imported");
    }
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }

  /** Per ecosystem: records and the newest {@code modified}. */
  private static final class EcosystemStats {
    int records;
    Optional<Instant> newest = Optional.empty();
  }

  /** The state of one import: counts, and rows not yet written. */
  private final class Progress {
    final Optional<Ecosystem> only;
    final Map<String, EcosystemStats> perEcosystem = new TreeMap<>();
    final List<AffectedEntry> buffer = new ArrayList<>();
    int records;
    int withdrawn;
    int ignored;
    int entries;
    long totalBytes;

    Progress(Optional<Ecosystem> only) {
      this.only = only;
    }

    void record(OsvRecords.Parsed parsed) {
      records++;
      List<AffectedEntry> kept =
          parsed.entries().stream()
              .filter(e -> only.isEmpty() || only.get().osvName().equals(e.ecosystem()))
              .toList();
      if (parsed.withdrawn()) {
        withdrawn++;
        return;
      }
      if (kept.isEmpty()) {
        ignored++;
        return;
      }
      buffer.addAll(kept);
      Optional<Instant> modified = instant(parsed.modified());
      for (String ecosystem : kept.stream().map(AffectedEntry::ecosystem).distinct().toList()) {
        EcosystemStats stats = perEcosystem.computeIfAbsent(ecosystem, k -> new EcosystemStats());
        stats.records++;
        if (modified.isPresent()
            && (stats.newest.isEmpty() || modified.get().isAfter(stats.newest.get()))) {
          stats.newest = modified;
        }
      }
    }

    void flush(long generation) {
      store.insert(generation, buffer);
      buffer.clear();
    }
  }

  private static Optional<Instant> instant(String text) {
    try {
      return text.isEmpty() ? Optional.empty() : Optional.of(Instant.parse(text));
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }
}
