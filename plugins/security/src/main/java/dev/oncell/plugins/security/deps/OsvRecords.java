package dev.oncell.plugins.security.deps;

import com.fasterxml.jackson.databind.JsonNode;
import dev.oncell.plugins.security.Severity;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Turns one OSV record (the JSON of one vulnerability) into the snapshot's rows: one per {@code
 * affected[]} entry of a supported ecosystem.
 *
 * <p>Severity, in this order: {@code database_specific.severity} (GitHub's advisories: {@code
 * MODERATE} is medium), the affected entry's {@code ecosystem_specific.severity}, the base score of
 * a CVSS 3 vector in {@code severity[]} (9.0 critical, 7.0 high, 4.0 medium, else low), a
 * malicious-package record ({@code MAL-}) is critical; a record with none of these is medium.
 */
final class OsvRecords {

  private static final int MAX_RANGES_CHARS = 1_000_000;

  private OsvRecords() {}

  /** What one record gave: its entries, its {@code modified} time (may be empty), if withdrawn. */
  record Parsed(String id, String modified, boolean withdrawn, List<AffectedEntry> entries) {}

  static Parsed parse(JsonNode record, Optional<Ecosystem> only) {
    String id = record.path("id").asText("");
    if (id.isEmpty() || id.length() > 256) {
      throw new IllegalArgumentException("no 'id'");
    }
    String modified = record.path("modified").asText("");
    if (record.hasNonNull("withdrawn")) {
      return new Parsed(id, modified, true, List.of());
    }
    String cwe = "";
    JsonNode cwes = record.path("database_specific").path("cwe_ids");
    if (cwes.isArray() && !cwes.isEmpty() && cwes.get(0).isTextual()) {
      cwe = limit(cwes.get(0).asText(), 32);
    }
    List<String> aliasList = new ArrayList<>();
    record.path("aliases").forEach(a -> aliasList.add(a.asText()));
    String aliases = limit(String.join(",", aliasList), 1024);
    List<AffectedEntry> entries = new ArrayList<>();
    for (JsonNode affected : record.path("affected")) {
      JsonNode pkg = affected.path("package");
      Optional<Ecosystem> ecosystem = Ecosystem.fromOsv(pkg.path("ecosystem").asText(""));
      String name = pkg.path("name").asText("");
      if (ecosystem.isEmpty()
          || only.isPresent() && only.get() != ecosystem.get()
          || name.isEmpty()
          || name.length() > 1024) {
        continue;
      }
      String ranges = OsvRanges.compact(affected).toString();
      if (ranges.length() > MAX_RANGES_CHARS) {
        throw new IllegalArgumentException("affected ranges of '" + name + "' over 1 MB");
      }
      Severity severity = severity(record, affected);
      entries.add(
          new AffectedEntry(
              ecosystem.get().osvName(),
              ecosystem.get().normalize(name),
              id,
              severity.name(),
              cwe,
              aliases,
              ranges));
    }
    return new Parsed(id, modified, false, entries);
  }

  static Severity severity(JsonNode record, JsonNode affected) {
    Optional<Severity> s = word(record.path("database_specific").path("severity").asText(""));
    if (s.isEmpty()) {
      s = word(affected.path("ecosystem_specific").path("severity").asText(""));
    }
    if (s.isEmpty()) {
      for (JsonNode entry : record.path("severity")) {
        Optional<Double> score = Cvss3.baseScore(entry.path("score").asText(""));
        if (score.isPresent()) {
          double v = score.get();
          s =
              Optional.of(
                  v >= 9
                      ? Severity.CRITICAL
                      : v >= 7 ? Severity.HIGH : v >= 4 ? Severity.MEDIUM : Severity.LOW);
          break;
        }
      }
    }
    if (s.isEmpty() && record.path("id").asText("").startsWith("MAL-")) {
      s = Optional.of(Severity.CRITICAL);
    }
    return s.orElse(Severity.MEDIUM);
  }

  private static Optional<Severity> word(String w) {
    return switch (w.toUpperCase(Locale.ROOT)) {
      case "CRITICAL" -> Optional.of(Severity.CRITICAL);
      case "HIGH", "IMPORTANT" -> Optional.of(Severity.HIGH);
      case "MODERATE", "MEDIUM" -> Optional.of(Severity.MEDIUM);
      case "LOW", "NEGLIGIBLE" -> Optional.of(Severity.LOW);
      default -> Optional.empty();
    };
  }

  private static String limit(String s, int max) {
    return s.length() > max ? s.substring(0, max) : s;
  }
}
