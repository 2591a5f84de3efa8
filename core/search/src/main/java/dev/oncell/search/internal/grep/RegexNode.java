package dev.oncell.search.internal.grep;

import java.util.List;

/**
 * The syntax tree of a regex, as {@link RegexParser} reads it: what {@link LineDfa} builds its
 * automaton from and {@link RegexTrigrams} its trigram query. Case-insensitivity ({@code (?i)}) is
 * resolved by the parser into each char and class, scoped as {@link java.util.regex.Pattern} scopes
 * it; capturing and non-capturing groups leave no node.
 */
sealed interface RegexNode {

  /** One literal code point ({@code text} is one char, or a surrogate pair). */
  record Char(String text, boolean ignoreCase) implements RegexNode {}

  /**
   * A single-char atom other than a literal: a bracket class, {@code .}, {@code \w}, {@code
   * \p{Alpha}}, ...
   *
   * @param regex the atom in Java syntax, compiled alone to learn which chars it matches
   * @param exact the chars it matches when they are few and known; empty when not
   */
  record CharClass(String regex, boolean ignoreCase, List<Character> exact) implements RegexNode {
    public CharClass {
      exact = List.copyOf(exact);
    }
  }

  /** Items in sequence. */
  record Concat(List<RegexNode> items) implements RegexNode {
    public Concat {
      items = List.copyOf(items);
    }
  }

  /** Branches separated by {@code |}. */
  record Alternation(List<RegexNode> branches) implements RegexNode {
    public Alternation {
      branches = List.copyOf(branches);
    }
  }

  /**
   * {@code ?}, {@code *}, {@code +} or {@code {min,max}} (lazy or not: the same lines match).
   *
   * @param max the upper bound, or -1 for none
   * @param possessive {@code ++}, {@code *+}, ...: may match less than the language
   */
  record Repeat(RegexNode inner, int min, int max, boolean possessive) implements RegexNode {}

  /**
   * An atomic group {@code (?>...)}: the strings of its inner regex, matched without backtracking.
   */
  record Atomic(RegexNode inner) implements RegexNode {}

  /** A lookaround: zero width, its inner regex parsed but not matched as text. */
  record Lookaround(RegexNode inner) implements RegexNode {}

  /**
   * Inline flags, {@code (?i)} or the flags of {@code (?i-s:...)} (zero width; {@code i} is already
   * applied to the chars they cover).
   */
  record Flags(String flags) implements RegexNode {}

  /** {@code ^}. */
  record LineStart() implements RegexNode {}

  /** {@code $}. */
  record LineEnd() implements RegexNode {}

  /**
   * A zero-width escape: {@code \b}, {@code \B}, {@code \A}, {@code \z}, {@code \Z}, {@code \G}.
   */
  record Boundary(char escape) implements RegexNode {}

  /** An escape matching text that is not one char: {@code \X}, {@code \R}, {@code \N{...}}. */
  record Opaque(String regex) implements RegexNode {}
}
