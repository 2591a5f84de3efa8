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
 *       0 and code {@code unreachable}, {@code timeout}, {@code interrupted} or (an event stream
 *       that broke before the run's last event) {@code disconnected}.
 *   <li>Customer ids, memory keys, method names and run ids are sent as one percent-encoded path
 *       segment each; file paths are encoded segment by segment and keep their {@code /}
 *       separators.
 *   <li>Agent calls, event streams and creating a customer that waits for its setup have no request
 *       timeout; every other call uses the client's request timeout.
 *   <li>A run that started and failed is a {@link dev.oncell.client.RunResult}, not an exception.
 *   <li>Event streams are delivered on the calling thread, in order, each event as soon as its
 *       terminating blank line arrives; reading stops after the run's last event ({@code result} or
 *       {@code error}) or at the end of the stream, and the connection is always closed.
 *   <li>Every response is read as its record of {@link dev.oncell.client.wire}, the records the
 *       server writes, and turned into this package's records; a body that does not map is {@code
 *       bad_response}.
 *   <li>Values are records; no method takes or returns {@code null}.
 *   <li>Clients are thread-safe; close them to release the underlying {@code HttpClient}.
 * </ul>
 */
package dev.oncell.client;
