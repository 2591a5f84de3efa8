/**
 * The Lucene {@link dev.oncell.search.CodeIndex}. Invariants:
 *
 * <ul>
 *   <li>One index per directory, one open {@link dev.oncell.search.internal.index.LuceneCodeIndex}
 *       per index (Lucene's write lock).
 *   <li>A file's documents (its file document and its chunks) share the {@code path} term and are
 *       replaced together by one {@code updateDocuments}; a chunk's id names the file's content
 *       hash, so a vector is only ever put on the chunk it was computed from.
 *   <li>Index runs are serialized; searches and greps run beside them on near-real-time readers.
 *   <li>The pending marker lists every run not yet committed and says whether chunks wait for
 *       vectors; it is absent exactly when there is nothing to resume.
 *   <li>Vectors of a model other than the open embedder's are never searched.
 *   <li>A search or grep stops at its {@link dev.oncell.search.Budget} (checked before each file,
 *       path and phase, and inside every match); closing the index cancels the budgets of those
 *       running, so a close never waits for a pathological grep.
 * </ul>
 */
package dev.oncell.search.internal.index;
