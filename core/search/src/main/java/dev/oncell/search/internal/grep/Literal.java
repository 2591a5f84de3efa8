package dev.oncell.search.internal.grep;

/**
 * A string that a part of a regex matches exactly, except that some of its chars may match in any
 * case (they were under {@code (?i)}).
 *
 * @param text the chars as written in the regex
 * @param ignoreCase for each char of {@code text}, {@code 'i'} if it matches any of its case
 *     variants, {@code '-'} if only itself
 */
record Literal(String text, String ignoreCase) {

  static final Literal EMPTY = new Literal("", "");

  static Literal of(String text, boolean ignoreCase) {
    return new Literal(text, (ignoreCase ? "i" : "-").repeat(text.length()));
  }

  Literal concat(Literal other) {
    return new Literal(text + other.text, ignoreCase + other.ignoreCase);
  }

  int length() {
    return text.length();
  }

  /** The chars that may stand at {@code i}: itself, or its case variants; empty when unknown. */
  char[] charsAt(int i) {
    char c = text.charAt(i);
    return ignoreCase.charAt(i) == 'i' ? Trigrams.variants(c) : new char[] {c};
  }
}
