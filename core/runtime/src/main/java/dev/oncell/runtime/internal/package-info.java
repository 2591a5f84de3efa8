/**
 * The runtime's implementation. Not API.
 *
 * <p>Invariants: the control plane is written before a cell's folders exist and after they are
 * gone, so {@code CellRegistry.recover} can always finish an interrupted create or delete; a cell's
 * handles are open only in state ACTIVE, under {@code LiveCell}'s write lock. The idle sweep
 * ({@code IdlePauser}) never blocks on a cell: it only pauses a cell whose write lock it gets at
 * once and that has no live run, so a pause never cuts a call or a run. A cell's sandbox backend
 * and limits come from the deployment serving it when its handles open; backends are verified once
 * per name ({@code SandboxBackends}). A cell's egress proxy lives exactly as long as its handles
 * (none when its egress is blocked), and everything that leaves the host for a cell, {@code
 * ctx.upload} included, goes through it. A cell's disk stays mounted across pauses and is released
 * before its folders are deleted and at host shutdown. Every file the host owns is written whole or
 * not at all ({@code DurableFiles}); a write on a full disk fails with {@code disk_full} and
 * changes nothing, and the H2 stores open their database again by themselves once space returns.
 * before its folders are deleted and at host shutdown. Cell content is read, written and removed
 * only through {@code dev.oncell.sandbox.fs} (directory descriptors, links never followed, never
 * across a mount). A cell in DELETING, or quarantined by a start-up that could not recover it,
 * serves no call; no single cell's state stops the host from starting.
 */
package dev.oncell.runtime.internal;
