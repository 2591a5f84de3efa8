/**
 * Java client for the oncell HTTP API: what the {@code oncell} CLI uses and what a SaaS backend
 * embeds. Start at {@link dev.oncell.client.OncellClient#create(java.net.URI, String)}.
 *
 * <p>Invariants:
 *
 * <ul>
 *   <li>Every request carries {@code Authorization: Bearer <key>}.
 *   <li>Every failure is an unchecked {@link dev.oncell.client.OncellApiException}: a non-2xx
 *       response keeps its HTTP status and the server's error code; a transport failure has status
 *       0 and code {@code unreachable}, {@code timeout} or {@code interrupted}.
 *   <li>Customer ids and memory keys are sent as one percent-encoded path segment each; file paths
 *       are encoded segment by segment and keep their {@code /} separators.
 *   <li>Values are records; no method takes or returns {@code null}.
 *   <li>Clients are thread-safe; close them to release the underlying {@code HttpClient}.
 * </ul>
 */
package dev.oncell.client;
