/**
 * {@code ctx.git()}'s machinery: local operations run the real {@code git} CLI inside the cell's
 * sandbox ({@link dev.oncell.runtime.internal.git.CellGit}); clone, fetch and push go to {@link
 * dev.oncell.runtime.internal.git.RemoteGit}, which acts from the host.
 *
 * <p>Invariants: host-side code never opens a repository under a cell's {@code work/} (the cell
 * controls those files: links, hooks, config); it only builds a command line and parses git's
 * machine-readable output. Every name and path is checked in Java ({@link
 * dev.oncell.runtime.internal.git.GitNames}) before a command is built, every argument is quoted by
 * {@link dev.oncell.runtime.internal.git.ShellQuote}, paths follow {@code --} and are literal
 * pathspecs. git runs with a fixed environment ({@link dev.oncell.runtime.internal.git.GitScript}):
 * no system or global config, no pager, no prompt, no hooks, no external diff, {@code LC_ALL=C}.
 * Errors name the ref, path or folder as the agent gave it, never a host path.
 */
package dev.oncell.runtime.internal.git;
