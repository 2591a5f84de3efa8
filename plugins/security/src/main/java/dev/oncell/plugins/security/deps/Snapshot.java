package dev.oncell.plugins.security.deps;

/**
 * The OSV snapshot in force for one ecosystem, shown with every report.
 *
 * @param ecosystem OSV's name of the ecosystem
 * @param date the newest {@code modified} of its records: how current the data is (the import time
 *     says nothing about that, an old export can be imported today)
 * @param importedAt when the operator imported it
 * @param vulnerabilities how many OSV records it holds for the ecosystem
 */
public record Snapshot(String ecosystem, String date, String importedAt, int vulnerabilities) {

  /** {@code OSV npm 2026-12-01T08:00:00Z (newest record; imported 2026-12-07T10:00:00Z)}. */
  public String describe() {
    return "OSV "
        + ecosystem
        + " "
        + date
        + " (newest record; imported "
        + importedAt
        + ", "
        + vulnerabilities
        + " vulnerabilities)";
  }
}
