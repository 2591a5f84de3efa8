package dev.oncell.agent.tools;

import dev.oncell.agent.FileEntry;
import dev.oncell.agent.FileStore;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.TreeMap;

/** A {@link FileStore} in memory: files only, folders implied by paths. */
final class MemoryFiles implements FileStore {

  final TreeMap<String, byte[]> files = new TreeMap<>();

  MemoryFiles with(String path, String text) {
    files.put(path, text.getBytes(StandardCharsets.UTF_8));
    return this;
  }

  String text(String path) {
    return new String(files.get(path), StandardCharsets.UTF_8);
  }

  @Override
  public byte[] read(String path) {
    byte[] content = files.get(path);
    if (content == null) {
      throw new IllegalArgumentException("no file " + path);
    }
    return content.clone();
  }

  @Override
  public void write(String path, byte[] content) {
    files.put(path, content.clone());
  }

  @Override
  public List<FileEntry> list(String path) {
    throw new UnsupportedOperationException();
  }

  @Override
  public boolean delete(String path, boolean recursive) {
    return files.remove(path) != null;
  }

  @Override
  public boolean exists(String path) {
    return files.containsKey(path) || isDirectory(path);
  }

  @Override
  public boolean isDirectory(String path) {
    return files.keySet().stream().anyMatch(f -> f.startsWith(path + "/"));
  }
}
