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
 * finding posted (so none is posted twice), and the id of the summary comment (edited in place by
 * later reviews). Every call is a journaled {@code ctx.db()} step.
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
    // Added after the first release of the table: the line's text, and whether it was fixed.
    db.update(
        "ALTER TABLE review_findings ADD COLUMN IF NOT EXISTS"
            + " line_text VARCHAR(4000) DEFAULT '' NOT NULL");
    db.update(
        "ALTER TABLE review_findings ADD COLUMN IF NOT EXISTS"
            + " resolved BOOLEAN DEFAULT FALSE NOT NULL");
    db.update(
        "CREATE TABLE IF NOT EXISTS review_summaries ("
            + "pull_request BIGINT PRIMARY KEY, comment_id BIGINT NOT NULL)");
  }

  /** The forge's id of the summary comment of pull request {@code number}, once posted. */
  Optional<Long> summaryComment(long number) {
    List<Map<String, Object>> rows =
        db.query("SELECT comment_id FROM review_summaries WHERE pull_request = ?", number);
    return rows.isEmpty()
        ? Optional.empty()
        : Optional.of(((Number) rows.getFirst().get("COMMENT_ID")).longValue());
  }

  /** Remembers {@code commentId} as the summary of pull request {@code number}, to edit later. */
  void summaryPosted(long number, long commentId) {
    db.update(
        "MERGE INTO review_summaries (pull_request, comment_id) KEY (pull_request) VALUES (?, ?)",
        number,
        commentId);
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

  /** The severities of the open (not resolved) findings of pull request {@code number}. */
  List<Severity> postedSeverities(long number) {
    return db
        .query(
            "SELECT severity FROM review_findings WHERE pull_request = ? AND NOT resolved"
                + " ORDER BY fingerprint",
            number)
        .stream()
        .map(r -> Severity.valueOf(r.get("SEVERITY").toString()))
        .toList();
  }

  /** A finding posted and not yet resolved, with the text of the line it pointed at. */
  record Open(Fingerprint fingerprint, String file, int line, String title, String lineText) {

    /** {@code `file:line` title}, as the summary lists it. */
    String describe() {
      return "`" + file + ":" + line + "` " + title;
    }
  }

  /**
   * The open findings of pull request {@code number} whose line text is known, in a stable order.
   */
  List<Open> open(long number) {
    return db
        .query(
            "SELECT fingerprint, file, line, title, line_text FROM review_findings"
                + " WHERE pull_request = ? AND NOT resolved AND line_text <> ''"
                + " ORDER BY file, line, fingerprint",
            number)
        .stream()
        .map(
            r ->
                new Open(
                    new Fingerprint(r.get("FINGERPRINT").toString()),
                    r.get("FILE").toString(),
                    ((Number) r.get("LINE")).intValue(),
                    r.get("TITLE").toString(),
                    r.get("LINE_TEXT").toString()))
        .toList();
  }

  /** Marks a finding fixed: it no longer counts for the verdict. */
  void resolve(long number, Fingerprint fingerprint) {
    db.update(
        "UPDATE review_findings SET resolved = TRUE WHERE pull_request = ? AND fingerprint = ?",
        number,
        fingerprint.value());
  }

  /** Remembers a posted finding and the text of its line (empty when unknown). */
  void remember(
      long number, Fingerprint fingerprint, Finding finding, String lineText, String head) {
    db.update(
        "MERGE INTO review_findings"
            + " (pull_request, fingerprint, file, line, severity, title, head, line_text, resolved)"
            + " KEY (pull_request, fingerprint) VALUES (?, ?, ?, ?, ?, ?, ?, ?, FALSE)",
        number,
        fingerprint.value(),
        finding.file(),
        finding.line(),
        finding.severity().name(),
        finding.title(),
        head,
        lineText.length() > 4000 ? "" : lineText);
  }

  /** Remembers {@code head} as reviewed. */
  void reviewed(long number, String head) {
    db.update(
        "MERGE INTO review_heads (pull_request, head) KEY (pull_request) VALUES (?, ?)",
        number,
        head);
  }
}
