/**
 * The gVisor backend: {@link dev.oncell.sandbox.internal.runsc.RunscBackend}, one long-lived
 * sandbox per active cell ({@link dev.oncell.sandbox.internal.runsc.RunscSandbox}), its OCI bundle
 * ({@link dev.oncell.sandbox.internal.runsc.OciBundle}), the {@code runsc} client ({@link
 * dev.oncell.sandbox.internal.runsc.Runsc}), background deletes and the killing of a timed-out
 * command's PID namespace.
 *
 * <p>Invariants: container ids are unique per host, runtime folder and start, so a start never
 * collides with the delete of a previous container; every command runs as the {@code cell} user
 * with no capabilities in its own PID namespace, chrooted so that it cannot create a user
 * namespace. Depends on {@code process}, {@code cgroup}, {@code disk} and {@code egress}.
 */
package dev.oncell.sandbox.internal.runsc;
