/**
 * Backend implementations. Not API: use {@link dev.oncell.sandbox.SandboxBackend}'s factories.
 *
 * <p>Egress invariants: the egress proxy ({@link dev.oncell.sandbox.internal.EgressProxyServer})
 * connects only to the address the {@link dev.oncell.sandbox.EgressPolicy} decided, never resolving
 * a name a second time; it answers a refused request without attempting any connection; every
 * socket it opens is registered so that closing the proxy cuts them all; every allowed and refused
 * connection is one log line. A sandbox with egress reaches the outside only through {@link
 * dev.oncell.sandbox.internal.EgressBridge}'s socat on its own loopback.
 */
package dev.oncell.sandbox.internal;
