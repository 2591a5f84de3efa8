/**
 * The forge extension point: pull requests (GitLab: merge requests), comments and inline review
 * comments on GitHub, GitLab, Gitea/Forgejo or any forge an author adds as a PF4J extension of
 * {@link dev.oncell.agent.forge.Forge}.
 *
 * <p>Invariants: the host builds every {@link dev.oncell.agent.forge.ForgeConnection} (API base,
 * token, HTTP client routed through the cell's egress); a forge never opens another connection and
 * never sends the token anywhere but the connection's API base. The token never appears in a {@code
 * toString}, an exception message or a log line. Values are immutable records; no method returns or
 * takes {@code null}. Every failure is a {@link dev.oncell.agent.forge.ForgeException} with a
 * stable code.
 */
package dev.oncell.agent.forge;
