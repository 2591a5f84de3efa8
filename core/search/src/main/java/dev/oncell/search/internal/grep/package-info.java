/**
 * Grep answered from a trigram index. Each indexed file's distinct case-folded trigrams are indexed
 * ({@link dev.oncell.search.internal.grep.Trigrams}); a regular expression is turned into a boolean
 * trigram query that every matching line must satisfy ({@link
 * dev.oncell.search.internal.grep.RegexTrigrams}: conservative, so it may admit files without a
 * match but never excludes one with a match); the candidate files are then read from disk and
 * matched line by line with {@link java.util.regex}, as {@code grep -E} would ({@link
 * dev.oncell.search.internal.grep.LineMatcher}).
 */
package dev.oncell.search.internal.grep;
