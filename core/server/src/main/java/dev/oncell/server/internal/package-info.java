/**
 * Helidon routing and handlers. Not API. One handler class per resource; each parses the request,
 * calls one runtime service and writes JSON through {@code Responses}.
 */
package dev.oncell.server.internal;
