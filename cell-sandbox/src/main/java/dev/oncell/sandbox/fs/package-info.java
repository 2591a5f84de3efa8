/**
 * The host's only way into a cell's files. A cell's processes own its tree and can change it at any
 * moment, including while the host reads or writes it: a folder swapped for a symbolic link to
 * another cell or to the host between a check and a use is the classic attack. So:
 *
 * <ul>
 *   <li>Every path is resolved one name at a time from a directory descriptor with {@code
 *       O_NOFOLLOW} ({@link dev.oncell.sandbox.fs.CellDir}); no symbolic link is ever followed and
 *       {@code ..} is refused before any system call.
 *   <li>Only regular files are read or written; they are opened {@code O_NONBLOCK} and checked on
 *       the open descriptor, so a FIFO, socket or device can neither block a host thread nor be
 *       mistaken for a file.
 *   <li>Writes go to a fresh temporary name ({@code O_CREAT|O_EXCL}) in the target's own folder,
 *       are synced and renamed into place; a failure leaves the old content.
 *   <li>Walks ({@link dev.oncell.sandbox.fs.CellTree}) go through descriptors too and are bounded
 *       in depth.
 *   <li>Exception messages carry paths relative to the cell, never host paths.
 * </ul>
 */
package dev.oncell.sandbox.fs;
