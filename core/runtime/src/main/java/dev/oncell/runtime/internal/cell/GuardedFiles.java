package dev.oncell.runtime.internal.cell;

import dev.oncell.agent.FileEntry;
import dev.oncell.agent.FileStore;
import java.util.List;

/** The cell's files as callers see them: each call wakes the cell and holds off a pause. */
public record GuardedFiles(LiveCell cell) implements FileStore {

  @Override
  public byte[] read(String path) {
    return cell.use(h -> h.files().read(path));
  }

  @Override
  public void write(String path, byte[] content) {
    cell.use(
        h -> {
          h.files().write(path, content);
          return null;
        });
  }

  @Override
  public List<FileEntry> list(String path) {
    return cell.use(h -> h.files().list(path));
  }

  @Override
  public boolean delete(String path, boolean recursive) {
    return cell.use(h -> h.files().delete(path, recursive));
  }

  @Override
  public boolean exists(String path) {
    return cell.use(h -> h.files().exists(path));
  }

  @Override
  public boolean isDirectory(String path) {
    return cell.use(h -> h.files().isDirectory(path));
  }
}
