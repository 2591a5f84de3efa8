/**
 * A cell's egress: the proxy behind {@link dev.oncell.sandbox.EgressProxy} ({@link
 * dev.oncell.sandbox.internal.egress.EgressProxyServer} accepts, {@link
 * dev.oncell.sandbox.internal.egress.ProxyConnection} decides and tunnels, {@link
 * dev.oncell.sandbox.internal.egress.HttpForwarder} forwards plain HTTP), the allow-list entries
 * and address checks behind {@link dev.oncell.sandbox.EgressPolicy} ({@link
 * dev.oncell.sandbox.internal.egress.EgressRule}, {@link
 * dev.oncell.sandbox.internal.egress.HostNames}, {@link
 * dev.oncell.sandbox.internal.egress.SpecialAddresses}), and the inside end, {@link
 * dev.oncell.sandbox.internal.egress.EgressBridge}.
 *
 * <p>Invariants: the proxy connects only to the address the {@link dev.oncell.sandbox.EgressPolicy}
 * decided, never resolving a name a second time; it answers a refused request without attempting
 * any connection; every socket it opens is registered so that closing the proxy cuts them all;
 * every allowed and refused connection is one log line. A sandbox with egress reaches the outside
 * only through the bridge's socat on its own loopback. Reads and writes HTTP with the public codec
 * {@link dev.oncell.sandbox.http}, shared with the runtime's download client. Depends on {@code
 * process} (the shell the bridge execs).
 */
package dev.oncell.sandbox.internal.egress;
