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
 */
package dev.oncell.sandbox.internal;
