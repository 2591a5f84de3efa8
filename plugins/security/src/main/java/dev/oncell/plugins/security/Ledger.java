package dev.oncell.plugins.security;

import dev.oncell.agent.Db;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * What the agent keeps in the cell's database: which blobs each engine version has scanned (so a
 * scan is incremental by git object id), the findings with the blob they were found in, the
 * baseline, the suppressions (who, why, when, and whether a person or the model made them) and the
 * model's triage. Writes are {@code MERGE}s keyed by what they record, so a replayed step writes
 * the same rows again harmlessly; rows are written in chunks to keep the journal short.
 */
final class Ledger {

  private static final int CHUNK = 200;

  /**
   * A suppression: who, why, when, and whether a person ({@code operator}) or the {@code model}.
   */
  record Suppression(String fingerprint, String by, String reason, String at, String source) {}

  /** The model's verdict on a finding. */
  record Triage(String fingerprint, boolean exploitable, String reason, String at) {}

  /** A finding as stored: the finding and the blob it was found in. */
  record Stored(Finding finding, String objectId) {}

  private final Db db;

  Ledger(Db db) {
    this.db = db;
  }

  void open() {
    db.update(
        "CREATE TABLE IF NOT EXISTS security_scanned (engine VARCHAR(64), version VARCHAR(200),"
            + " oid VARCHAR(64), PRIMARY KEY (engine, version, oid))");
    db.update(
        "CREATE TABLE IF NOT EXISTS security_findings (fingerprint VARCHAR(64), oid VARCHAR(64),"
            + " engine VARCHAR(64), version VARCHAR(200), rule VARCHAR(200), severity VARCHAR(16),"
            + " cwe VARCHAR(32), file VARCHAR(4096), line INT, snippet VARCHAR(1000),"
            + " evidence VARCHAR(2000), PRIMARY KEY (fingerprint, oid))");
    db.update(
        "CREATE TABLE IF NOT EXISTS security_baseline (fingerprint VARCHAR(64) PRIMARY KEY,"
            + " by_whom VARCHAR(200), reason VARCHAR(1000), at VARCHAR(40))");
    db.update(
        "CREATE TABLE IF NOT EXISTS security_suppressions (fingerprint VARCHAR(64) PRIMARY KEY,"
            + " by_whom VARCHAR(200), reason VARCHAR(1000), at VARCHAR(40), source VARCHAR(16))");
    db.update(
        "CREATE TABLE IF NOT EXISTS security_triage (fingerprint VARCHAR(64) PRIMARY KEY,"
            + " exploitable BOOLEAN, reason VARCHAR(1000), at VARCHAR(40))");
  }

  /** The object ids among {@code oids} that {@code engine} at {@code version} has scanned. */
  Set<String> scanned(String engine, String version) {
    Set<String> out = new TreeSet<>();
    for (Map<String, Object> row :
        db.query(
            "SELECT oid FROM security_scanned WHERE engine = ? AND version = ?", engine, version)) {
      out.add((String) row.get("OID"));
    }
    return out;
  }

  void markScanned(String engine, String version, Collection<String> oids) {
    List<String> all = new ArrayList<>(new TreeSet<>(oids));
    for (int i = 0; i < all.size(); i += CHUNK) {
      List<String> chunk = all.subList(i, Math.min(all.size(), i + CHUNK));
      List<Object> params = new ArrayList<>();
      StringBuilder sql =
          new StringBuilder("MERGE INTO security_scanned KEY (engine, version, oid) VALUES ");
      for (int j = 0; j < chunk.size(); j++) {
        sql.append(j == 0 ? "" : ", ").append("(?, ?, ?)");
        params.addAll(List.of(engine, version, chunk.get(j)));
      }
      db.update(sql.toString(), params.toArray());
    }
  }

  void store(String version, List<Stored> findings) {
    for (int i = 0; i < findings.size(); i += CHUNK) {
      List<Stored> chunk = findings.subList(i, Math.min(findings.size(), i + CHUNK));
      List<Object> params = new ArrayList<>();
      StringBuilder sql =
          new StringBuilder("MERGE INTO security_findings KEY (fingerprint, oid) VALUES ");
      for (int j = 0; j < chunk.size(); j++) {
        Finding f = chunk.get(j).finding();
        sql.append(j == 0 ? "" : ", ").append("(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
        params.addAll(
            List.of(
                f.fingerprint(),
                chunk.get(j).objectId(),
                f.category(),
                version,
                f.rule(),
                f.severity().name(),
                f.cwe(),
                f.file(),
                f.line(),
                cut(f.snippet(), 1000),
                cut(f.evidence(), 2000)));
      }
      db.update(sql.toString(), params.toArray());
    }
  }

  /** Every finding of the given engine versions, by fingerprint then blob. */
  List<Stored> findings(Map<String, String> versions) {
    List<Stored> out = new ArrayList<>();
    for (Map<String, Object> row :
        db.query("SELECT * FROM security_findings ORDER BY fingerprint, oid")) {
      String engine = (String) row.get("ENGINE");
      if (!String.valueOf(row.get("VERSION")).equals(versions.get(engine))) {
        continue;
      }
      out.add(
          new Stored(
              new Finding(
                  engine,
                  (String) row.get("RULE"),
                  Severity.valueOf((String) row.get("SEVERITY")),
                  (String) row.get("CWE"),
                  (String) row.get("FILE"),
                  ((Number) row.get("LINE")).intValue(),
                  (String) row.get("SNIPPET"),
                  (String) row.get("FINGERPRINT"),
                  (String) row.get("EVIDENCE")),
              (String) row.get("OID")));
    }
    return out;
  }

  boolean knows(String fingerprint) {
    return !db.query("SELECT 1 FROM security_findings WHERE fingerprint = ?", fingerprint)
        .isEmpty();
  }

  Set<String> baseline() {
    Set<String> out = new TreeSet<>();
    db.query("SELECT fingerprint FROM security_baseline")
        .forEach(r -> out.add((String) r.get("FINGERPRINT")));
    return out;
  }

  void addToBaseline(Collection<String> fingerprints, String by, String reason, String at) {
    for (String f : new TreeSet<>(fingerprints)) {
      db.update(
          "MERGE INTO security_baseline KEY (fingerprint) VALUES (?, ?, ?, ?)", f, by, reason, at);
    }
  }

  void suppress(Suppression s) {
    db.update(
        "MERGE INTO security_suppressions KEY (fingerprint) VALUES (?, ?, ?, ?, ?)",
        s.fingerprint(),
        s.by(),
        s.reason(),
        s.at(),
        s.source());
  }

  Map<String, Suppression> suppressions() {
    Map<String, Suppression> out = new java.util.TreeMap<>();
    for (Map<String, Object> r : db.query("SELECT * FROM security_suppressions")) {
      Suppression s =
          new Suppression(
              (String) r.get("FINGERPRINT"),
              (String) r.get("BY_WHOM"),
              (String) r.get("REASON"),
              (String) r.get("AT"),
              (String) r.get("SOURCE"));
      out.put(s.fingerprint(), s);
    }
    return out;
  }

  void triaged(Triage t) {
    db.update(
        "MERGE INTO security_triage KEY (fingerprint) VALUES (?, ?, ?, ?)",
        t.fingerprint(),
        t.exploitable(),
        t.reason(),
        t.at());
  }

  Optional<Triage> triage(String fingerprint) {
    return db.query("SELECT * FROM security_triage WHERE fingerprint = ?", fingerprint).stream()
        .findFirst()
        .map(
            r ->
                new Triage(
                    fingerprint,
                    Boolean.TRUE.equals(r.get("EXPLOITABLE")),
                    (String) r.get("REASON"),
                    (String) r.get("AT")));
  }

  Map<String, Triage> triages() {
    Map<String, Triage> out = new java.util.TreeMap<>();
    for (Map<String, Object> r : db.query("SELECT * FROM security_triage")) {
      String f = (String) r.get("FINGERPRINT");
      out.put(
          f,
          new Triage(
              f,
              Boolean.TRUE.equals(r.get("EXPLOITABLE")),
              (String) r.get("REASON"),
              (String) r.get("AT")));
    }
    return out;
  }

  private static String cut(String s, int max) {
    return s.length() <= max ? s : s.substring(0, max - 1) + "…";
  }
}
