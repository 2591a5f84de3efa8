/**
 * A cell's disk quota: {@link dev.oncell.sandbox.internal.disk.CellDisk} makes the work folder a
 * loop-mounted ext4 image ({@link dev.oncell.sandbox.internal.disk.DiskImages}, {@link
 * dev.oncell.sandbox.internal.disk.Mounts}). Backend-independent: bubblewrap and gVisor both call
 * it.
 *
 * <p>Invariants: an image is mounted at most once at a time (never lazily unmounted, never mounted
 * while a loop device still holds it) and, once it exists, holds all of the cell's files. Depends
 * on {@code process} for host tools and on {@link dev.oncell.sandbox.fs} to remove a tree and read
 * mount points.
 */
package dev.oncell.sandbox.internal.disk;
