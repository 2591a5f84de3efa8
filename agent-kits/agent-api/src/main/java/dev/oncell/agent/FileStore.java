package dev.oncell.agent;

import java.util.List;

/**
 * The files of a cell, under {@code /work}. Every path is relative to the cell's work folder; a
 * path that would leave it ({@code ..}, an absolute path, a symbolic link pointing out) is refused.
 */
public interface FileStore {

  byte[] read(String path);

  /** Writes the whole file atomically, creating parent folders. */
  void write(String path, byte[] content);

  /** Lists a folder; the empty path is the work folder itself. */
  List<FileEntry> list(String path);

  /**
   * Deletes a file or folder; a non-empty folder only when {@code recursive}. Returns whether
   * something was deleted.
   */
  boolean delete(String path, boolean recursive);

  boolean exists(String path);

  boolean isDirectory(String path);
}
