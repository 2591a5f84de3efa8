/**
 * The HTTP API (v1). {@link dev.oncell.server.OncellServer} is the entry point.
 *
 * <p>Invariants: every route but {@code /health} needs a bearer key; every error is {@code
 * {"error": {"code", "message"}}} with the right status; a request that fails validation changes
 * nothing; a 500 names an error id, never its cause; no error message shows a host path; a client
 * that sends half a request is closed at the header or body timeout, and open connections are
 * capped.
 */
package dev.oncell.server;
