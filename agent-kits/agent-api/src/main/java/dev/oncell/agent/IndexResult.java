package dev.oncell.agent;

/**
 * What {@link Context#index} did. Files are keyed by content hash, so indexing again after an edit
 * only re-chunks what changed.
 *
 * @param files files (re)indexed because they were new or changed
 * @param unchanged files already indexed with the same content
 * @param removed files removed from the index because they are gone
 * @param skipped files not indexed: binary, too large, or ignored by {@code .gitignore}
 * @param chunks chunks written for the (re)indexed files
 */
public record IndexResult(int files, int unchanged, int removed, int skipped, int chunks) {}
