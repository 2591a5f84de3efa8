/**
 * The runtime's implementation. Not API.
 *
 * <p>Invariants: the control plane is written before a cell's folders exist and after they are
 * gone, so {@code CellRegistry.recover} can always finish an interrupted create or delete; a cell's
 * handles are open only in state ACTIVE, under {@code LiveCell}'s write lock.
 */
package dev.oncell.runtime.internal;
