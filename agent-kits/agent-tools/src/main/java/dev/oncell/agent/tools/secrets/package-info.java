/**
 * The secrets engine, in the gitleaks TOML rule format, so operators bring the rule files they
 * have: {@link dev.oncell.agent.tools.secrets.SecretRules} (parse, or the shipped rules) and {@link
 * dev.oncell.agent.tools.secrets.SecretScanner} (run them over a text). One engine for every agent:
 * the coding agent's commit check, the review agent's diff check and the security agent's scans.
 *
 * <p>Invariants: a rule file is used whole or refused whole, with its file, line and rule named; a
 * {@link dev.oncell.agent.tools.secrets.Leak} never holds a secret (its first four characters, a
 * hash, a snippet with every secret of its line redacted); scanning is bounded in size and, per
 * rule and text, in time, and a bound reached is reported as skipped, never thrown; nothing here
 * keeps state or touches the network or the file system.
 */
package dev.oncell.agent.tools.secrets;
