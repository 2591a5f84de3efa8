/**
 * Live cells. {@link dev.oncell.runtime.internal.cell.LiveCell} is a cell as callers see it (the
 * {@code Cell} API), {@link dev.oncell.runtime.internal.cell.CellLifecycle} its lock, handles and
 * transitions, {@link dev.oncell.runtime.internal.cell.CellRecord} its recorded state and the calls
 * it refuses; {@link dev.oncell.runtime.internal.cell.CellRegistry} creates, finds, lists and
 * deletes them and recovers interrupted lifecycle steps at start-up.
 *
 * <p>Invariants: the control plane is written before a cell's folders exist and after they are
 * gone, so {@code CellRegistry.recover} can always finish an interrupted create or delete; a cell's
 * handles ({@code CellHandles}: database, egress proxy, sandbox, work folder, index) are open only
 * in state ACTIVE, under the cell's write lock. The idle sweep ({@code IdlePauser}) never blocks on
 * a cell: it only pauses a cell whose write lock it gets at once and that has no live run, so a
 * pause never cuts a call or a run. A cell's sandbox backend and limits come from the deployment
 * serving it when its handles open ({@code CellProfiles}, through the narrow {@code
 * ServingVersions} view of the deployments); backends are verified once per name ({@code
 * SandboxBackends}). A cell's egress proxy lives exactly as long as its handles (none when its
 * egress is blocked), and everything that leaves the host for a cell, {@code ctx.upload} included
 * ({@code CellUpload}), goes through it. A cell's disk stays mounted across pauses and is released
 * before its folders are deleted and at host shutdown. Cell content is read, written and removed
 * only through {@code dev.oncell.sandbox.fs} (directory descriptors, links never followed, never
 * across a mount); every client path is resolved inside {@code work/} ({@code WorkFolder}). A cell
 * in DELETING, or quarantined by a start-up that could not recover it, serves no call; no single
 * cell's state stops the host from starting. Searches and greps run on the host's {@code
 * SearchPool}, never on the caller's thread.
 *
 * <p>Uses {@code egress}, {@code llm} and {@code store}; knows nothing of runs or deployments.
 */
package dev.oncell.runtime.internal.cell;
