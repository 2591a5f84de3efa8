/**
 * Analyzers for code. {@link dev.oncell.search.internal.analysis.CodeAnalyzer} splits identifiers
 * into their words and keeps the whole identifier as one lowercased token, the same way at index
 * and at query time; {@link dev.oncell.search.internal.analysis.QueryTerms} cuts a query of any
 * length down to a bounded set of informative terms.
 */
package dev.oncell.search.internal.analysis;
