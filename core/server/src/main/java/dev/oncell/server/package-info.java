/**
 * The HTTP API (v1). {@link dev.oncell.server.OncellServer} is the entry point.
 *
 * <p>Invariants: every route but {@code /health} needs a bearer key; every error is {@code
 * {"error": {"code", "message"}}} with the right status; a request that fails validation changes
 * nothing.
 */
package dev.oncell.server;
