/**
 * Helidon routing and handlers. Not API. One handler class per resource; each parses the request,
 * calls one runtime service and writes JSON through {@code Responses}: an answer is a record of
 * {@code dev.oncell.client.wire} built by {@code Wire}, an error any {@code
 * dev.oncell.agent.Failure}, answered with the status of its {@code ErrorKind}.
 */
package dev.oncell.server.internal;
