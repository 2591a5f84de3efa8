/**
 * Grep answered from a trigram index. Each indexed file is cut into blocks of whole lines ({@link
 * dev.oncell.search.internal.grep.LineBlocks}) whose distinct trigrams are indexed exactly as
 * written ({@link dev.oncell.search.internal.grep.Trigrams}); a regular expression is turned into a
 * boolean trigram query that every matching line, and so every block holding one, must satisfy
 * ({@link dev.oncell.search.internal.grep.RegexTrigrams}: conservative, so it may admit blocks
 * without a match but never excludes one with a match; {@code (?i)} asks for every case variant);
 * the candidate blocks are then read from disk and matched line by line with {@link
 * java.util.regex}, as {@code grep -E} would ({@link dev.oncell.search.internal.grep.LineMatcher}).
 *
 * <p>Invariants: a trigram never holds a newline; blocks partition a file into whole lines; a
 * trigram query admits every line with a match.
 */
package dev.oncell.search.internal.grep;
