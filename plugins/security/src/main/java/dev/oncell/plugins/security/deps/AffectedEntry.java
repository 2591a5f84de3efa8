package dev.oncell.plugins.security.deps;

/**
 * One row of the snapshot: an OSV record's {@code affected[]} entry for one package.
 *
 * @param ecosystem OSV's ecosystem name
 * @param name the package's name, {@linkplain Ecosystem#normalize normalised}
 * @param vulnerability the OSV id
 * @param severity the severity derived at import (see {@link OsvRecords})
 * @param cwe the first of {@code database_specific.cwe_ids}, or empty
 * @param aliases the record's aliases (CVE ids), comma-separated
 * @param ranges the {@linkplain OsvRanges#compact compact} ranges as JSON
 */
record AffectedEntry(
    String ecosystem,
    String name,
    String vulnerability,
    String severity,
    String cwe,
    String aliases,
    String ranges) {}
