/**
 * The secrets engine of the security agent: gitleaks-format rules (agent-tools' {@code
 * dev.oncell.agent.tools.secrets}) as a {@link dev.oncell.plugins.security.Scanner}.
 *
 * <p>Invariants: a finding never holds a secret (only its first four characters); a fingerprint
 * depends on the rule, the file and the secret's hash, never on the line or the commit.
 */
package dev.oncell.plugins.security.secrets;
