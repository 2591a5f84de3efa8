/**
 * {@code ctx.pullRequests()}: pull requests, comments and inline review comments on the customer's
 * forge, each call a journaled step of the run.
 *
 * <p>Invariants:
 *
 * <ul>
 *   <li>The host acts, never the cell: the token is the customer's git credential for the
 *       repository's own host ({@code CredentialLookup}, asked with the run's customer id), handed
 *       to the {@code Forge} in a {@code ForgeConnection} and nowhere else. No journal request,
 *       step result, event, log line or error message holds it.
 *   <li>Every request goes through the cell's egress: the API host is checked against the cell's
 *       allow-list before anything is sent ({@code egress_refused}, {@code egress_blocked}), then
 *       sent through the cell's own proxy on a loopback bridge opened for that one call, so the
 *       proxy's address rules and log apply as to the cell's own traffic.
 *   <li>The API base belongs to the repository's host (or {@code api.github.com} for {@code
 *       github.com}): a customer's config cannot send the token elsewhere.
 *   <li>{@code ensure} is a side-effect step whose reconcile looks the open pull request of the
 *       head branch up, so a crash between its start and its record never opens a second one.
 *       {@code comment}, {@code reviewComments}, {@code reply} and {@code submitReview} are side
 *       effects without a cheap check: a resumed run posts them again (at-least-once). {@code
 *       editComment} is idempotent: a cut one is simply run again. {@code list}, {@code get} and
 *       {@code inlineComments} are plain steps.
 *   <li>The forge, its kind and API base are resolved from the customer's config before any step,
 *       so a replay resolves the same way; the step's request names them (never the token), and a
 *       changed config is a non-determinism error rather than a silent switch of forge.
 * </ul>
 */
package dev.oncell.runtime.internal.forge;
