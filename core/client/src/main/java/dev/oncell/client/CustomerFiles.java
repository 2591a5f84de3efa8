package dev.oncell.client;

/**
 * The files of one customer's cell: {@code /v1/customers/{id}/files/{path}}. Obtain from {@link
 * OncellClient#files(String)}.
 *
 * <p>Paths are relative to the cell's root and use {@code /} as separator; leading slashes are
 * ignored and the empty path is the root. Every method throws {@link OncellApiException} on
 * failure.
 */
public interface CustomerFiles {

  /** The customer these files belong to. */
  String customerId();

  /**
   * The bytes of a file.
   *
   * @throws OncellApiException with code {@code is_a_directory} if {@code path} is a directory
   */
  byte[] read(String path);

  /**
   * The entries of a directory.
   *
   * @throws OncellApiException with code {@code not_a_directory} if {@code path} is a file
   */
  DirectoryListing list(String path);

  /** The entries of the cell's root directory. */
  default DirectoryListing listRoot() {
    return list("");
  }

  /**
   * The bytes of a file with their version, which {@link #write(String, byte[], WriteCondition)}
   * takes back to refuse overwriting a change made since. The version is empty for files too large
   * to be versioned (over 32 MiB).
   *
   * @throws OncellApiException with code {@code is_a_directory} if {@code path} is a directory
   */
  VersionedContent readVersioned(String path);

  /**
   * {@link #readVersioned(String)} for a file of at most {@code maxBytes}: a larger one is not read
   * into memory but refused.
   *
   * @throws OncellApiException with status 413 and code {@code file_too_large} for a larger file
   */
  VersionedContent readVersioned(String path, long maxBytes);

  /** Creates or replaces a file (and any missing parent directories). */
  default WrittenFile write(String path, byte[] content) {
    return write(path, content, WriteCondition.always());
  }

  /**
   * Writes a file if {@code condition} holds, checked on the server together with the write.
   *
   * @throws OncellApiException status 409, code {@code version_conflict}, when it does not hold:
   *     the file changed (or appeared, or vanished) since; nothing was written
   */
  WrittenFile write(String path, byte[] content, WriteCondition condition);

  /** Deletes a file or an empty directory; a non-empty directory needs {@code recursive}. */
  void delete(String path, boolean recursive);
}
