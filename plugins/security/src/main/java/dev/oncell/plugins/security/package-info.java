/**
 * The security agent (agent name {@code security}): finds secrets, vulnerable dependencies and
 * source-to-sink flaws in a customer's repository, in a cell whose network is blocked.
 *
 * <p>Each engine is a {@link dev.oncell.plugins.security.Scanner} in a package of its own ({@code
 * secrets}, {@code deps}, {@code code}); all of them report {@link
 * dev.oncell.plugins.security.Finding}s. {@code report} renders a scan as SARIF and Markdown.
 *
 * <p>Invariants: the host never opens the cell's {@code .git} (the cell's own {@code git}, through
 * {@code ctx.shell} and {@code ctx.store}, lists and reads blobs); a blob is scanned once per
 * engine version, by object id; a secret's value is never stored, streamed or shown to a model,
 * only its first four characters; a finding the model or a person suppresses stays in every report
 * with who, why and when; only the host's {@code local} model is ever asked.
 */
package dev.oncell.plugins.security;
