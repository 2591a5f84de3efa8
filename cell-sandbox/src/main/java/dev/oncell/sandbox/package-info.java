/**
 * Isolation of cells behind one SPI: {@link dev.oncell.sandbox.SandboxBackend} opens a {@link
 * dev.oncell.sandbox.Sandbox} per active cell, which runs commands.
 *
 * <p>Invariants every backend keeps: a command sees only its own cell's work folder writable, at
 * {@code /work}; it never outlives its timeout, nor do its children; its output held in memory is
 * bounded by the request's limit; it has no network but its own loopback, and, when its cell has
 * egress, the cell's {@link dev.oncell.sandbox.EgressProxy}, which lets through only what the
 * cell's {@link dev.oncell.sandbox.EgressPolicy} allows. This package depends on the JDK only and
 * knows nothing of agents.
 */
package dev.oncell.sandbox;
