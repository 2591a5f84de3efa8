package dev.oncell.search.internal.grep;

import java.util.Arrays;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;

/**
 * The distinct trigrams of a text: three consecutive UTF-16 chars, exactly as written (no case
 * folding: {@code dLe} in {@code refundLedger} is far rarer than {@code dle}), none of them a
 * newline (grep matches within a line). A case-insensitive regex asks for any of the case variants
 * of each trigram ({@link #variants}).
 */
public final class Trigrams {

  private Trigrams() {}

  /** Simple case folding: chars that match case-insensitively (ASCII or Unicode) fold alike. */
  static char fold(char c) {
    if (c < 128) {
      return c >= 'A' && c <= 'Z' ? (char) (c + 32) : c;
    }
    return Character.toLowerCase(Character.toUpperCase(c));
  }

  /**
   * Every char that a case-insensitive Java regex (with {@code UNICODE_CASE}, which {@code
   * UNICODE_CHARACTER_CLASS} implies) may match for {@code c}, {@code c} first: the chars linked to
   * it by upper case, lower case and folding, transitively ({@code k}, {@code K} and the Kelvin
   * sign). A superset of what {@link java.util.regex.Pattern} matches, which is what a conservative
   * trigram query needs. Empty for a surrogate: its case variants are other code points, whose
   * UTF-16 halves are not known here.
   */
  static char[] variants(char c) {
    if (Character.isSurrogate(c)) {
      return new char[0];
    }
    return CaseClasses.variants(c);
  }

  /** Chars grouped by case: a union-find over the BMP, built on first use. */
  private static final class CaseClasses {
    private static final char[] ROOT = build();

    private static char[] build() {
      char[] parent = new char[Character.MAX_VALUE + 1];
      for (int c = 0; c <= Character.MAX_VALUE; c++) {
        parent[c] = (char) c;
      }
      for (int c = 0; c <= Character.MAX_VALUE; c++) {
        char ch = (char) c;
        if (Character.isSurrogate(ch)) {
          continue;
        }
        union(parent, ch, Character.toUpperCase(ch));
        union(parent, ch, Character.toLowerCase(ch));
        union(parent, ch, fold(ch));
      }
      for (int c = 0; c <= Character.MAX_VALUE; c++) {
        parent[c] = find(parent, (char) c);
      }
      return parent;
    }

    private static char find(char[] parent, char c) {
      while (parent[c] != c) {
        parent[c] = parent[parent[c]];
        c = parent[c];
      }
      return c;
    }

    private static void union(char[] parent, char a, char b) {
      char ra = find(parent, a);
      char rb = find(parent, b);
      if (ra != rb) {
        parent[Math.max(ra, rb)] = (char) Math.min(ra, rb);
      }
    }

    static char[] variants(char c) {
      char root = ROOT[c];
      char[] out = new char[4];
      out[0] = c;
      int n = 1;
      // Case classes are small and their members close to each other, except for a few (the
      // Kelvin sign, the long s, dotted and dotless i...): a full scan is 65,536 loads, at most a
      // few dozen times per regex.
      for (int x = 0; x <= Character.MAX_VALUE; x++) {
        if (ROOT[x] == root && x != c) {
          if (n == out.length) {
            out = Arrays.copyOf(out, n * 2);
          }
          out[n++] = (char) x;
        }
      }
      return Arrays.copyOf(out, n);
    }
  }

  /** The distinct trigrams of {@code text[from, to)}, packed three chars to a long, sorted. */
  public static long[] distinct(CharSequence text, int from, int to) {
    int n = to - from;
    if (n < 3) {
      return new long[0];
    }
    long[] all = new long[n - 2];
    int count = 0;
    char a = text.charAt(from);
    char b = text.charAt(from + 1);
    for (int i = from + 2; i < to; i++) {
      char c = text.charAt(i);
      if (a != '\n' && b != '\n' && c != '\n') {
        all[count++] = pack(a, b, c);
      }
      a = b;
      b = c;
    }
    Arrays.sort(all, 0, count);
    int distinct = 0;
    for (int i = 0; i < count; i++) {
      if (distinct == 0 || all[distinct - 1] != all[i]) {
        all[distinct++] = all[i];
      }
    }
    return Arrays.copyOf(all, distinct);
  }

  /** The distinct trigrams of {@code text}. */
  public static long[] distinct(String text) {
    return distinct(text, 0, text.length());
  }

  static long pack(char a, char b, char c) {
    return ((long) a << 32) | ((long) b << 16) | c;
  }

  /** The index term of a packed trigram. */
  static String text(long trigram) {
    return new String(
        new char[] {(char) (trigram >>> 32), (char) (trigram >>> 16), (char) trigram});
  }

  /** The index term of three chars. */
  public static String term(char a, char b, char c) {
    return new String(new char[] {a, b, c});
  }

  /** A token stream of {@code trigrams} for a field indexed with docs only. */
  public static TokenStream stream(long[] trigrams) {
    return new TokenStream() {
      private final CharTermAttribute term = addAttribute(CharTermAttribute.class);
      private int next;

      @Override
      public boolean incrementToken() {
        if (next == trigrams.length) {
          return false;
        }
        clearAttributes();
        long t = trigrams[next++];
        term.setEmpty().append((char) (t >>> 32)).append((char) (t >>> 16)).append((char) t);
        return true;
      }

      @Override
      public void reset() {
        next = 0;
      }
    };
  }
}
