/**
 * The host's services: {@link dev.oncell.runtime.Host} opens the control plane and hands out {@link
 * dev.oncell.runtime.Cells}; each {@link dev.oncell.runtime.Cell} gives files, memory and a
 * sandboxed shell.
 *
 * <p>Invariants: a customer id matches {@code [a-z0-9][a-z0-9-]{0,62}}; a client's path is resolved
 * inside the cell's {@code work/} and refused if it escapes it; a failure is a {@link
 * dev.oncell.runtime.CellException} whose kind says how to answer it; a failed request changes
 * nothing. An API key is stored only as its SHA-256 hash and shown once; exactly one operator key
 * is the active bootstrap key; a revoked or expired key never authenticates again, and a customer
 * key reaches only the customer it was made for (not one made later under the same id).
 */
package dev.oncell.runtime;
