/**
 * The host's services: {@link dev.oncell.runtime.Host} opens the control plane and hands out {@link
 * dev.oncell.runtime.Cells}; each {@link dev.oncell.runtime.Cell} gives files, memory and a
 * sandboxed shell.
 *
 * <p>Invariants: a customer id matches {@code [a-z0-9][a-z0-9-]{0,62}}; a client's path is resolved
 * inside the cell's {@code work/} and refused if it escapes it; a failure is a {@link
 * dev.oncell.runtime.CellException} whose kind says how to answer it; a failed request changes
 * nothing.
 */
package dev.oncell.runtime;
