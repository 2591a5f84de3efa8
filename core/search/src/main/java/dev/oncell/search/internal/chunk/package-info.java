/**
 * Chunkers: {@link dev.oncell.search.internal.chunk.StandardChunker} picks one by extension.
 *
 * <p>Invariants of every chunking: chunks are in file order and do not overlap; their 1-based
 * inclusive line numbers lie within the file (lines end at {@code \n}); a chunk's content is
 * exactly the file's text of its lines without the last line end, except that a line too long for
 * the cap is cut into slices that each carry its line number; no content is blank or starts or ends
 * with a blank line; every non-blank line of the file is in a chunk; no chunk is longer than {@link
 * dev.oncell.search.internal.chunk.StandardChunker#MAX_CHARS} characters, {@code \r\n} counting as
 * one. Chunking never throws for any content: what tree-sitter cannot parse is cut into line
 * windows. Native trees and cursors are freed before a call returns; parsers are pooled.
 */
package dev.oncell.search.internal.chunk;
