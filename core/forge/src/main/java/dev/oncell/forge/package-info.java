/**
 * The built-in forges behind agent-api's {@link dev.oncell.agent.forge.Forge}: {@link
 * dev.oncell.forge.Forges} makes them, {@link dev.oncell.forge.RetryPolicy} bounds their retries.
 *
 * <p>Invariants: a forge sends the connection's token only to the connection's API base (a
 * next-page link elsewhere is refused, redirects are never followed); every request has the
 * connection's timeout; retries are bounded by the policy and wait through its {@link
 * dev.oncell.forge.RetryPolicy.Sleeper}; the token never appears in an exception or a log line.
 */
package dev.oncell.forge;
