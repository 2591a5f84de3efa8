package dev.oncell.plugins.security.deps;

/**
 * The end record of a zip archive's central directory, read to tell an archive from other bytes and
 * a whole archive from a truncated one: {@link java.util.zip.ZipInputStream} reads entries from the
 * front and stops quietly where bytes stop at an entry's boundary.
 */
final class ZipDirectory {

  private static final int END_SIZE = 22;
  private static final int MAX_COMMENT = 0xFFFF;

  private ZipDirectory() {}

  /** The zip64 end record's count, found through its locator just before the end record. */
  private static int zip64Count(byte[] bytes, int end) {
    int locator = end - 20;
    if (locator < 0 || little(bytes, locator, 4) != 0x07064b50L) {
      return -1;
    }
    long record = little(bytes, locator + 8, 8);
    if (record < 0 || record > bytes.length - 56 || little(bytes, (int) record, 4) != 0x06064b50L) {
      return -1;
    }
    long total = little(bytes, (int) record + 32, 8);
    return total > Integer.MAX_VALUE ? -1 : (int) total;
  }

  private static long little(byte[] bytes, int at, int size) {
    long v = 0;
    for (int k = size - 1; k >= 0; k--) {
      v = v << 8 | (bytes[at + k] & 0xff);
    }
    return v;
  }

  /**
   * The number of entries the central directory lists (zip64's count for a large archive), or -1
   * when it cannot be told.
   *
   * @throws DepsException {@code osv_bad_zip} when {@code bytes} has no end record
   */
  static int entryCount(byte[] bytes, String name) {
    int last = bytes.length - END_SIZE;
    int first = Math.max(0, last - MAX_COMMENT);
    for (int i = last; i >= first; i--) {
      if (bytes[i] == 0x50
          && bytes[i + 1] == 0x4b
          && bytes[i + 2] == 0x05
          && bytes[i + 3] == 0x06) {
        int total = (int) little(bytes, i + 10, 2);
        return total == 0xFFFF ? zip64Count(bytes, i) : total;
      }
    }
    throw DepsException.invalid(
        "osv_bad_zip",
        "'"
            + name
            + "' is not a zip archive (or is truncated: it has no central directory);"
            + " nothing imported");
  }
}
