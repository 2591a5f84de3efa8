/**
 * The security agent's output formats: {@link dev.oncell.plugins.security.report.Sarif} (SARIF
 * 2.1.0) and {@link dev.oncell.plugins.security.report.Summary} (Markdown).
 *
 * <p>Invariants: pure functions of a {@link dev.oncell.plugins.security.ScanReport}, with keys in a
 * fixed order (the same report gives the same bytes); suppressed findings are written with who and
 * why, never left out.
 */
package dev.oncell.plugins.security.report;
