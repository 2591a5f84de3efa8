/**
 * The security agent (agent name {@code security}): finds secrets, vulnerable dependencies and
 * source-to-sink flaws in a customer's repository, in a cell whose network is blocked.
 *
 * <p>Each engine is a {@link dev.oncell.plugins.security.Scanner} in a package of its own ({@code
 * secrets}, {@code deps}, {@code code}); all of them report {@link
 * dev.oncell.plugins.security.Finding}s.
 */
package dev.oncell.plugins.security;
