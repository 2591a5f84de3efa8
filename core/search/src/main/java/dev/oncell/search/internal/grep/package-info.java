/**
 * Grep answered from a trigram index. Each indexed file is cut into blocks of whole lines ({@link
 * dev.oncell.search.internal.grep.LineBlocks}) whose distinct trigrams are indexed exactly as
 * written ({@link dev.oncell.search.internal.grep.Trigrams}); a regular expression is turned into a
 * boolean trigram query that every matching line, and so every block holding one, must satisfy
 * ({@link dev.oncell.search.internal.grep.RegexTrigrams}: conservative, so it may admit blocks
 * without a match but never excludes one with a match; {@code (?i)} asks for every case variant);
 * the candidate blocks are then read from disk and matched line by line with {@link
 * java.util.regex}, as {@code grep -E} would ({@link dev.oncell.search.internal.grep.LineMatcher}),
 * or by an automaton over ASCII ({@link dev.oncell.search.internal.grep.LineDfa}) when no trigram
 * narrows the search.
 *
 * <p>A regex is parsed once, by {@link dev.oncell.search.internal.grep.RegexParser}, into a sealed
 * {@link dev.oncell.search.internal.grep.RegexNode} tree; the trigram query and the automaton
 * ({@link dev.oncell.search.internal.grep.DfaBuilder}) are both computed from it, so they read the
 * same grammar. There is no second parser of regexes in this package ({@link
 * dev.oncell.search.internal.grep.PatternLimits} only scans for cost limits before anything
 * parses).
 *
 * <p>Invariants: a trigram never holds a newline; blocks partition a file into whole lines; a
 * trigram query admits every line with a match. What a regex costs is bounded: {@link
 * dev.oncell.search.internal.grep.PatternLimits} refuses one over a limit before anything compiles
 * it, the trigram derivation keeps exact strings short and the automaton stays under a state bound
 * whatever the repetitions multiply out to, and every match checks the request's {@link
 * dev.oncell.search.Budget} (the automaton every 64 KB, {@link java.util.regex} through {@link
 * dev.oncell.search.internal.grep.BudgetedText}).
 */
package dev.oncell.search.internal.grep;
