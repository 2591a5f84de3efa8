/**
 * cgroups v1 and v2 behind {@link dev.oncell.sandbox.internal.cgroup.Cgroups}: detection, a cell's
 * {@link dev.oncell.sandbox.internal.cgroup.CellCgroup} with its limits, its usage, and the sweep
 * of what a crashed host left.
 *
 * <p>Invariants: every process of a bubblewrap cell is in the cell's cgroup from its first
 * instruction (the launcher joins the cgroup, then execs {@code bwrap}); a cell's cgroup lives from
 * {@code open} to {@code close}, and is named {@code oncell-<hash of the runtime folder>/<cell id>}
 * so that hosts never touch each other's. Depends on the API package only.
 */
package dev.oncell.sandbox.internal.cgroup;
