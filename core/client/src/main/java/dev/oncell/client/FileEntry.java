package dev.oncell.client;

import java.util.Locale;
import java.util.Objects;

/**
 * One entry of a directory listing.
 *
 * @param name the entry's name inside its directory (no separators)
 * @param type what kind of entry it is
 * @param size the size in bytes (as reported by the server; 0 for directories on most systems)
 */
public record FileEntry(String name, Type type, long size) {

  /** Kinds of directory entries, with their wire names. */
  public enum Type {
    FILE("file"),
    DIRECTORY("dir"),
    SYMLINK("symlink"),
    OTHER("other");

    private final String wireName;

    Type(String wireName) {
      this.wireName = wireName;
    }

    /** The name used in the JSON wire format: {@code file}, {@code dir}, {@code symlink}, … */
    public String wireName() {
      return wireName;
    }

    /** The type for a wire name; unknown names map to {@link #OTHER}. */
    public static Type fromWireName(String name) {
      String lower = name.toLowerCase(Locale.ROOT);
      for (Type type : values()) {
        if (type.wireName.equals(lower)) {
          return type;
        }
      }
      return OTHER;
    }
  }

  public FileEntry {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(type, "type");
  }
}
