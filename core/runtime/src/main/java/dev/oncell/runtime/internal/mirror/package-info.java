/**
 * The host's side of a cell's repository: a bare mirror in the cell's host-only {@code git} folder
 * (the only repository the host's JGit ever opens), the upstream it follows, the relay the cell's
 * own {@code git} talks to, and the customer's credentials, looked up per customer and host. It
 * depends on no cell or run code, so cells can hold it and runs can use it.
 */
package dev.oncell.runtime.internal.mirror;
