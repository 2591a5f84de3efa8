package dev.oncell.plugins.review;

import dev.oncell.agent.Db;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What this cell remembers of its reviews, in the cell's database: the last head reviewed per pull
 * request (so a new push is reviewed only for what changed since) and the fingerprint of every
 * finding posted (so none is posted twice). Every call is a journaled {@code ctx.db()} step.
 */
final class ReviewLedger {

  private final Db db;

  ReviewLedger(Db db) {
    this.db = db;
  }

  /** Creates the tables the first time; harmless afterwards. */
  void open() {
    db.update(
        "CREATE TABLE IF NOT EXISTS review_heads ("
            + "pull_request BIGINT PRIMARY KEY, head VARCHAR(64) NOT NULL)");
    db.update(
        "CREATE TABLE IF NOT EXISTS review_findings ("
            + "pull_request BIGINT NOT NULL, fingerprint VARCHAR(64) NOT NULL,"
            + " file VARCHAR(1024) NOT NULL, line INT NOT NULL, severity VARCHAR(16) NOT NULL,"
            + " title VARCHAR(1024) NOT NULL, head VARCHAR(64) NOT NULL,"
            + " PRIMARY KEY (pull_request, fingerprint))");
  }

  /** The head reviewed last for pull request {@code number}. */
  Optional<String> lastReviewed(long number) {
    List<Map<String, Object>> rows =
        db.query("SELECT head FROM review_heads WHERE pull_request = ?", number);
    return rows.isEmpty() ? Optional.empty() : Optional.of(rows.getFirst().get("HEAD").toString());
  }

  /** The fingerprints already posted on pull request {@code number}. */
  Set<Fingerprint> posted(long number) {
    Set<Fingerprint> out = new HashSet<>();
    for (Map<String, Object> row :
        db.query("SELECT fingerprint FROM review_findings WHERE pull_request = ?", number)) {
      out.add(new Fingerprint(row.get("FINGERPRINT").toString()));
    }
    return out;
  }

  /** The severities of every finding posted on pull request {@code number}, for the verdict. */
  List<Severity> postedSeverities(long number) {
    return db
        .query(
            "SELECT severity FROM review_findings WHERE pull_request = ? ORDER BY fingerprint",
            number)
        .stream()
        .map(r -> Severity.valueOf(r.get("SEVERITY").toString()))
        .toList();
  }

  /** Remembers a posted finding. */
  void remember(long number, Fingerprint fingerprint, Finding finding, String head) {
    db.update(
        "MERGE INTO review_findings (pull_request, fingerprint, file, line, severity, title, head)"
            + " KEY (pull_request, fingerprint) VALUES (?, ?, ?, ?, ?, ?, ?)",
        number,
        fingerprint.value(),
        finding.file(),
        finding.line(),
        finding.severity().name(),
        finding.title(),
        head);
  }

  /** Remembers {@code head} as reviewed. */
  void reviewed(long number, String head) {
    db.update(
        "MERGE INTO review_heads (pull_request, head) KEY (pull_request) VALUES (?, ?)",
        number,
        head);
  }
}
