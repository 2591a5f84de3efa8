package dev.oncell.sandbox.fs;

/**
 * What {@code statx} says of one entry, never following a symbolic link.
 *
 * @param kind the entry's type
 * @param permissions the permission bits ({@code 07777})
 * @param size the apparent size in bytes
 * @param allocated the bytes the entry occupies on disk (512 times {@code st_blocks}): less than
 *     {@code size} for a sparse file
 * @param modifiedNanos the modification time, nanoseconds since the epoch
 * @param device the filesystem it is on (major and minor device numbers)
 */
public record FileStat(
    Kind kind, int permissions, long size, long allocated, long modifiedNanos, long device) {

  /** The type of an entry. Only {@link #FILE} is ever read or written by the host. */
  public enum Kind {
    FILE,
    DIRECTORY,
    SYMLINK,
    FIFO,
    SOCKET,
    CHAR_DEVICE,
    BLOCK_DEVICE,
    UNKNOWN;

    static Kind of(int mode) {
      return switch (mode & 0170000) {
        case 0100000 -> FILE;
        case 0040000 -> DIRECTORY;
        case 0120000 -> SYMLINK;
        case 0010000 -> FIFO;
        case 0140000 -> SOCKET;
        case 0020000 -> CHAR_DEVICE;
        case 0060000 -> BLOCK_DEVICE;
        default -> UNKNOWN;
      };
    }
  }

  public boolean isFile() {
    return kind == Kind.FILE;
  }

  public boolean isDirectory() {
    return kind == Kind.DIRECTORY;
  }
}
