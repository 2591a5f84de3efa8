/**
 * {@code ctx.git()}: the cell's git repositories under {@code /work}, typed and journaled.
 *
 * <p>Invariants: values are immutable records; no method returns or takes {@code null} (absent
 * values are {@link java.util.Optional}); paths are relative to the repository's folder and never
 * leave {@code /work}; times are {@link java.time.Instant}s (UTC). Local operations run the real
 * {@code git} inside the cell's sandbox; clone, fetch and push run on the host with the customer's
 * credential, which never enters the cell. Every failure is a {@link dev.oncell.agent.Failure}
 * whose code is one of {@link dev.oncell.agent.git.GitCodes}.
 */
package dev.oncell.agent.git;
