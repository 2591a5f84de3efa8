/**
 * Code search over a folder tree: {@link dev.oncell.search.Chunker} cuts files along their syntax
 * (tree-sitter), {@link dev.oncell.search.CodeIndex} keeps chunks in Lucene and answers searches
 * and greps. Knows nothing of cells or agents; paths are relative to the indexed root.
 */
package dev.oncell.search;
