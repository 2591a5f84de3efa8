/**
 * The agent SDK: what an agent author compiles against. It knows nothing of the host.
 *
 * <p>Invariants: values are records; no method returns or takes {@code null}; every path is
 * relative to the cell's {@code /work} folder.
 */
package dev.oncell.agent;
