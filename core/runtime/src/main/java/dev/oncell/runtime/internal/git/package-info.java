/**
 * Git in a cell: the host's bare mirror of the cell's repository (opened only by the host's JGit),
 * the relay the cell's own {@code git} talks to, credentials looked up per customer and host, and
 * {@code ctx.git()}'s operations.
 */
package dev.oncell.runtime.internal.git;
