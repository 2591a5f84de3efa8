package dev.oncell.agent;

import java.util.Objects;

/** One entry of a folder listing. */
public record FileEntry(String name, Type type, long size) {

  public enum Type {
    FILE,
    DIRECTORY,
    SYMLINK,
    OTHER
  }

  public FileEntry {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(type, "type");
  }
}
