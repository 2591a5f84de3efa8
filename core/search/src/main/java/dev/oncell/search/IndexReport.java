package dev.oncell.search;

/**
 * What one {@link CodeIndex#index} call did.
 *
 * @param files files (re)indexed because they were new or changed
 * @param unchanged files skipped because their content hash was already indexed
 * @param removed files removed from the index because they are gone
 * @param skipped files not indexed: binary, too large, or ignored by {@code .gitignore}
 * @param chunks chunks written for the (re)indexed files
 */
public record IndexReport(int files, int unchanged, int removed, int skipped, int chunks) {}
