/**
 * The security agent's code engine: source-to-sink rules over tree-sitter syntax trees.
 *
 * <p>Invariants: rules are data ({@code rules/<language>.json}), loaded and checked when the
 * scanner is made; the data flow is intra-procedural and visits each syntax node once; every file
 * is bounded in size, nodes, nesting and time, and one past a bound is reported as skipped, never a
 * failed scan; regular expressions run on the customer's text only through {@link
 * dev.oncell.plugins.security.code.Deadline}; the engine reads only the bytes it is given (no file
 * system, no network).
 */
package dev.oncell.plugins.security.code;
