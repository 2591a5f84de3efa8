/**
 * Backend implementations. Not API: use {@link dev.oncell.sandbox.SandboxBackend}'s factories.
 *
 * <p>Invariants of the limits: every process of a bubblewrap cell is in the cell's cgroup from its
 * first instruction (the launcher joins the cgroup, then execs {@code bwrap}); a cell's cgroup
 * lives from {@code open} to {@code close}, and is named {@code oncell-<hash of the runtime
 * folder>/<cell id>} so that hosts never touch each other's; a {@link
 * dev.oncell.sandbox.internal.CellDisk} image is mounted at most once at a time (never lazily
 * unmounted, never mounted while a loop device still holds it) and, once it exists, holds all of
 * the cell's files.
 *
 * <p>Egress invariants: the egress proxy ({@link dev.oncell.sandbox.internal.EgressProxyServer})
 * connects only to the address the {@link dev.oncell.sandbox.EgressPolicy} decided, never resolving
 * a name a second time; it answers a refused request without attempting any connection; every
 * socket it opens is registered so that closing the proxy cuts them all; every allowed and refused
 * connection is one log line. A sandbox with egress reaches the outside only through {@link
 * dev.oncell.sandbox.internal.EgressBridge}'s socat on its own loopback.
 */
package dev.oncell.sandbox.internal;
