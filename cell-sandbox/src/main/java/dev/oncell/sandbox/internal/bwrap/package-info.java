/**
 * The bubblewrap backend: {@link dev.oncell.sandbox.internal.bwrap.BubblewrapBackend} and its
 * {@link dev.oncell.sandbox.internal.bwrap.BubblewrapSandbox}, a fresh set of namespaces per
 * command, inside the cell's cgroup and on its disk.
 *
 * <p>Invariants: killing the outer {@code bwrap} kills the namespace's init and so every process of
 * the command; a command sees only {@code /usr}, the minimal {@code /etc}, its cell's work folder,
 * a private {@code /tmp} and, with egress, the proxy socket. Depends on {@code process}, {@code
 * cgroup}, {@code disk} and {@code egress}.
 */
package dev.oncell.sandbox.internal.bwrap;
