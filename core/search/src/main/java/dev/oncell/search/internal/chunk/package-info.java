/**
 * Chunkers. Every chunk has a non-blank content, 1-based inclusive line numbers within the file,
 * and at most about {@link dev.oncell.search.internal.chunk.StandardChunker#MAX_CHARS} characters.
 */
package dev.oncell.search.internal.chunk;
