/**
 * Backend implementations, one sub-package per concern. Not API: use {@link
 * dev.oncell.sandbox.SandboxBackend}'s factories and {@link dev.oncell.sandbox.EgressProxy#start}.
 *
 * <ul>
 *   <li>{@link dev.oncell.sandbox.internal.process}: host processes (runner, capped output, tree
 *       killing, host tools, root check), what every command starts with (shell, clean environment,
 *       minimal {@code /etc}, the {@code cell} user), and the unisolated {@code none} backend.
 *   <li>{@link dev.oncell.sandbox.internal.cgroup}: cgroups v1 and v2, a cell's cgroup and usage.
 *   <li>{@link dev.oncell.sandbox.internal.disk}: a cell's disk quota as a loop-mounted ext4 image.
 *   <li>{@link dev.oncell.sandbox.internal.egress}: the egress proxy, its allow-list rules and
 *       address checks, and the bridge inside a sandbox.
 *   <li>{@link dev.oncell.sandbox.internal.bwrap}: the bubblewrap backend.
 *   <li>{@link dev.oncell.sandbox.internal.runsc}: the gVisor backend.
 * </ul>
 *
 * <p>Dependencies point one way: {@code bwrap} and {@code runsc} use {@code process}, {@code
 * cgroup}, {@code disk} and {@code egress}; {@code disk} and {@code egress} use {@code process},
 * {@code disk} also {@link dev.oncell.sandbox.fs}, {@code egress} also the public HTTP codec {@link
 * dev.oncell.sandbox.http}; {@code process} and {@code cgroup} use only the API package. No two
 * sub-packages depend on each other both ways ({@code PackageDependenciesTest} checks this map).
 * The API package's factories are the only way in from outside.
 */
package dev.oncell.sandbox.internal;
