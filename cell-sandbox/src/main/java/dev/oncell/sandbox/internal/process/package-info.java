/**
 * Host processes: {@link dev.oncell.sandbox.internal.process.ProcessRunner} (stdin, output capped
 * by {@link dev.oncell.sandbox.internal.process.CappedOutput}, timeouts), killing a command's whole
 * tree, running host tools ({@link dev.oncell.sandbox.internal.process.HostCommand}), and what
 * every command starts with: the shell and a clean environment ({@link
 * dev.oncell.sandbox.internal.process.Shells}), the minimal {@code /etc} and the {@code cell} user
 * ({@link dev.oncell.sandbox.internal.process.MinimalEtc}). Also the {@code none} backend ({@link
 * dev.oncell.sandbox.internal.process.UnisolatedBackend}), which is nothing but these.
 *
 * <p>Invariants: output held in memory never exceeds the request's limit (a marker says what was
 * cut); a command and every process it started are killed at its timeout; a command never sees a
 * variable of the host's environment. Depends on the API package only.
 */
package dev.oncell.sandbox.internal.process;
