package dev.oncell.plugins.security;

import java.util.Objects;

/**
 * One security finding, from any engine, in the shape every report, the database and the SARIF
 * export share.
 *
 * @param category which engine found it: {@code secrets}, {@code dependencies} or {@code code}
 * @param rule the rule's id (a gitleaks rule id, an OSV id, a code rule id)
 * @param severity how bad it is
 * @param cwe the CWE it is an instance of ({@code CWE-89}), or empty when none fits
 * @param file the path relative to the repository's root
 * @param line the 1-based line, or 0 when the finding is about the whole file
 * @param snippet the line or lines it is about, with any secret value redacted
 * @param fingerprint stable across scans and unrelated edits: how baselines and suppressions
 *     recognise the same finding again
 * @param evidence why it is a finding (the source and sink of a flow, the version range matched)
 */
public record Finding(
    String category,
    String rule,
    Severity severity,
    String cwe,
    String file,
    int line,
    String snippet,
    String fingerprint,
    String evidence) {

  public Finding {
    Objects.requireNonNull(category, "category");
    Objects.requireNonNull(rule, "rule");
    Objects.requireNonNull(severity, "severity");
    Objects.requireNonNull(cwe, "cwe");
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(snippet, "snippet");
    Objects.requireNonNull(fingerprint, "fingerprint");
    Objects.requireNonNull(evidence, "evidence");
    if (line < 0) {
      throw new IllegalArgumentException("line must be 0 or more, not " + line);
    }
  }
}
