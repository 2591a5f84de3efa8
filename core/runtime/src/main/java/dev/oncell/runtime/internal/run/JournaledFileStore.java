package dev.oncell.runtime.internal.run;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.oncell.agent.FileEntry;
import dev.oncell.agent.FileStore;
import dev.oncell.runtime.internal.store.Sha256;
import java.util.List;

/**
 * {@code ctx.store()}: the cell's files, each call a journaled step. A write is journaled by the
 * SHA-256 of its content, not the content.
 */
final class JournaledFileStore implements FileStore {

  private static final TypeReference<List<FileEntry>> FILE_ENTRIES = new TypeReference<>() {};

  private final ChokePoint steps;
  private final FileStore files;

  JournaledFileStore(ChokePoint steps, FileStore files) {
    this.steps = steps;
    this.files = files;
  }

  @Override
  public byte[] read(String path) {
    return steps.call("store.read", path, path, byte[].class, () -> files.read(path));
  }

  @Override
  public void write(String path, byte[] content) {
    steps.callVoid("store.write", path, Sha256.hex(content), () -> files.write(path, content));
  }

  @Override
  public List<FileEntry> list(String path) {
    return steps.call("store.list", path, path, FILE_ENTRIES, () -> files.list(path));
  }

  @Override
  public boolean delete(String path, boolean recursive) {
    return steps.call(
        "store.delete", path, recursive, Boolean.class, () -> files.delete(path, recursive));
  }

  @Override
  public boolean exists(String path) {
    return steps.call("store.exists", path, path, Boolean.class, () -> files.exists(path));
  }

  @Override
  public boolean isDirectory(String path) {
    return steps.call(
        "store.isDirectory", path, path, Boolean.class, () -> files.isDirectory(path));
  }
}
