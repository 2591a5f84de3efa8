package dev.oncell.plugins.security.deps;

import dev.oncell.agent.Db;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The OSV snapshot in the cell's database ({@code ctx.db()}), one table set for all ecosystems.
 *
 * <p>An import writes its rows under a new <em>generation</em> that no reader sees; only when every
 * row is written does one statement point each imported ecosystem's {@code osv_current} row at it.
 * {@link Db} runs each statement in a transaction of its own, so this pointer is what makes an
 * import all or nothing: a failed or killed import leaves the previous snapshot in force, and its
 * rows are removed by the next import. Every statement is a journaled step of the run, so rows are
 * written many to a statement.
 */
public final class OsvStore {

  /** Rows per INSERT: fewer steps in the run's journal, statements H2 still parses quickly. */
  static final int ROWS_PER_INSERT = 100;

  /** Characters of ranges per INSERT: a record with a long versions list must not make one huge. */
  static final int CHARS_PER_INSERT = 1 << 20;

  /** Names per lookup query. */
  static final int NAMES_PER_QUERY = 200;

  private static final String[] SCHEMA = {
    "CREATE TABLE IF NOT EXISTS osv_generation (generation BIGINT PRIMARY KEY,"
        + " started_at VARCHAR(64) NOT NULL)",
    "CREATE TABLE IF NOT EXISTS osv_snapshot (generation BIGINT NOT NULL,"
        + " ecosystem VARCHAR(32) NOT NULL, newest_modified VARCHAR(64) NOT NULL,"
        + " imported_at VARCHAR(64) NOT NULL, vulnerabilities INT NOT NULL,"
        + " scope VARCHAR(32) NOT NULL, source_sha256 VARCHAR(64) NOT NULL,"
        + " PRIMARY KEY (generation, ecosystem))",
    "CREATE TABLE IF NOT EXISTS osv_current (ecosystem VARCHAR(32) PRIMARY KEY,"
        + " generation BIGINT NOT NULL)",
    "CREATE TABLE IF NOT EXISTS osv_affected (generation BIGINT NOT NULL,"
        + " ecosystem VARCHAR(32) NOT NULL, name VARCHAR(1024) NOT NULL,"
        + " vuln_id VARCHAR(256) NOT NULL, severity VARCHAR(16) NOT NULL, cwe VARCHAR(32) NOT NULL,"
        + " aliases VARCHAR(1024) NOT NULL, ranges VARCHAR(1000000) NOT NULL)",
    // name first: H2 uses an index for "name IN (...)" only on its first column
    "CREATE INDEX IF NOT EXISTS osv_affected_name ON osv_affected (name, ecosystem, generation)"
  };

  private final Db db;
  private boolean schemaReady;

  private OsvStore(Db db) {
    this.db = db;
  }

  /** The snapshot in {@code db}, usually {@code ctx.db()}. */
  public static OsvStore over(Db db) {
    return new OsvStore(Objects.requireNonNull(db, "db"));
  }

  private void schema() {
    if (!schemaReady) {
      for (String ddl : SCHEMA) {
        db.update(ddl);
      }
      schemaReady = true;
    }
  }

  /** The snapshot in force for each ecosystem that has one, by ecosystem name. */
  public List<Snapshot> snapshots() {
    schema();
    List<Snapshot> out = new ArrayList<>();
    for (Map<String, Object> row :
        db.query(
            "SELECT s.ecosystem, s.newest_modified, s.imported_at, s.vulnerabilities"
                + " FROM osv_snapshot s JOIN osv_current c"
                + " ON c.ecosystem = s.ecosystem AND c.generation = s.generation"
                + " ORDER BY s.ecosystem")) {
      out.add(
          new Snapshot(
              (String) row.get("ECOSYSTEM"),
              (String) row.get("NEWEST_MODIFIED"),
              (String) row.get("IMPORTED_AT"),
              ((Number) row.get("VULNERABILITIES")).intValue()));
    }
    return out;
  }

  /** The snapshot in force for {@code ecosystem}, if one was imported. */
  public Optional<Snapshot> snapshot(Ecosystem ecosystem) {
    return snapshots().stream().filter(s -> s.ecosystem().equals(ecosystem.osvName())).findFirst();
  }

  /**
   * Whether the snapshot in force was imported from the same archive ({@code sha256}) for the same
   * {@code scope} (an ecosystem's name, or {@code *}): importing it again would change nothing.
   */
  boolean isCurrent(String sha256, String scope) {
    schema();
    return !db.query(
            "SELECT 1 FROM osv_snapshot s JOIN osv_current c"
                + " ON c.ecosystem = s.ecosystem AND c.generation = s.generation"
                + " WHERE s.source_sha256 = ? AND s.scope = ?",
            sha256,
            scope)
        .isEmpty();
  }

  /**
   * Starts an import: removes what earlier failed imports left and returns a new generation, which
   * readers do not see until {@link #publish}.
   */
  long begin(String startedAt) {
    schema();
    removeUnpublished();
    long generation =
        ((Number)
                db.query("SELECT COALESCE(MAX(generation), 0) + 1 AS g FROM osv_generation")
                    .getFirst()
                    .get("G"))
            .longValue();
    db.update(
        "INSERT INTO osv_generation (generation, started_at) VALUES (?, ?)", generation, startedAt);
    return generation;
  }

  /**
   * Writes {@code entries} under {@code generation}, up to {@link #ROWS_PER_INSERT} rows and about
   * {@link #CHARS_PER_INSERT} characters of ranges to a statement.
   */
  void insert(long generation, List<AffectedEntry> entries) {
    int from = 0;
    while (from < entries.size()) {
      int to = from;
      long chars = 0;
      while (to < entries.size()
          && to - from < ROWS_PER_INSERT
          && (to == from || chars + entries.get(to).ranges().length() <= CHARS_PER_INSERT)) {
        chars += entries.get(to).ranges().length();
        to++;
      }
      insertRows(generation, entries.subList(from, to));
      from = to;
    }
  }

  private void insertRows(long generation, List<AffectedEntry> batch) {
    StringBuilder sql =
        new StringBuilder(
            "INSERT INTO osv_affected (generation, ecosystem, name, vuln_id, severity, cwe,"
                + " aliases, ranges) VALUES ");
    List<Object> params = new ArrayList<>(batch.size() * 8);
    for (int i = 0; i < batch.size(); i++) {
      sql.append(i == 0 ? "" : ", ").append("(?, ?, ?, ?, ?, ?, ?, ?)");
      AffectedEntry e = batch.get(i);
      Collections.addAll(
          params,
          generation,
          e.ecosystem(),
          e.name(),
          e.vulnerability(),
          e.severity(),
          e.cwe(),
          e.aliases(),
          e.ranges());
    }
    db.update(sql.toString(), params.toArray());
  }

  /** Records the snapshot of one ecosystem of {@code generation} (not yet in force). */
  void describe(long generation, Snapshot snapshot, String scope, String sha256) {
    db.update(
        "INSERT INTO osv_snapshot (generation, ecosystem, newest_modified, imported_at,"
            + " vulnerabilities, scope, source_sha256) VALUES (?, ?, ?, ?, ?, ?, ?)",
        generation,
        snapshot.ecosystem(),
        snapshot.date(),
        snapshot.importedAt(),
        snapshot.vulnerabilities(),
        scope,
        sha256);
  }

  /**
   * Puts {@code generation} in force for every ecosystem it describes, in one statement (so all of
   * them or none), then removes the rows it replaced.
   */
  void publish(long generation) {
    db.update(
        "MERGE INTO osv_current (ecosystem, generation) KEY (ecosystem)"
            + " SELECT ecosystem, generation FROM osv_snapshot WHERE generation = ?",
        generation);
    removeUnpublished();
  }

  /** Removes the rows of {@code generation} after a failed import (it was never in force). */
  void abandon(long generation) {
    db.update("DELETE FROM osv_affected WHERE generation = ?", generation);
    db.update("DELETE FROM osv_snapshot WHERE generation = ?", generation);
  }

  private void removeUnpublished() {
    String notCurrent =
        " WHERE NOT EXISTS (SELECT 1 FROM osv_current c"
            + " WHERE c.ecosystem = t.ecosystem AND c.generation = t.generation)";
    db.update("DELETE FROM osv_affected t" + notCurrent);
    db.update("DELETE FROM osv_snapshot t" + notCurrent);
  }

  /**
   * The entries in force for {@code names} (normalised) of {@code ecosystem}, by name, then OSV id.
   */
  List<AffectedEntry> affected(Ecosystem ecosystem, Collection<String> names) {
    schema();
    List<String> all = new ArrayList<>(names);
    List<AffectedEntry> out = new ArrayList<>();
    for (int from = 0; from < all.size(); from += NAMES_PER_QUERY) {
      List<String> batch = all.subList(from, Math.min(all.size(), from + NAMES_PER_QUERY));
      String marks = String.join(", ", Collections.nCopies(batch.size(), "?"));
      List<Object> params = new ArrayList<>();
      params.add(ecosystem.osvName());
      params.addAll(batch);
      for (Map<String, Object> row :
          db.query(
              "SELECT a.name, a.vuln_id, a.severity, a.cwe, a.aliases, a.ranges"
                  + " FROM osv_affected a JOIN osv_current c"
                  + " ON c.ecosystem = a.ecosystem AND c.generation = a.generation"
                  + " WHERE a.ecosystem = ? AND a.name IN ("
                  + marks
                  + ") ORDER BY a.name, a.vuln_id, a.ranges",
              params.toArray())) {
        out.add(
            new AffectedEntry(
                ecosystem.osvName(),
                (String) row.get("NAME"),
                (String) row.get("VULN_ID"),
                (String) row.get("SEVERITY"),
                (String) row.get("CWE"),
                (String) row.get("ALIASES"),
                (String) row.get("RANGES")));
      }
    }
    return out;
  }
}
