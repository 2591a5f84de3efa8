/**
 * The retrieval-quality evaluation of {@code oncell-search}: {@link
 * dev.oncell.search.eval.SearchEval} builds a corpus and queries, indexes the corpus keyword-only
 * and with each embedding model, searches in each {@link dev.oncell.search.SearchMode} and scores
 * the hits.
 *
 * <p>Invariants: every random choice comes from one seed, so a run is repeatable; a doc query's
 * comment is blanked in the indexed copy without moving any line, so targets' line numbers hold in
 * both; the small corpus is a subset of the full one; comparisons of modes and models are only made
 * on one run's results (one selection of files and queries).
 */
package dev.oncell.search.eval;
