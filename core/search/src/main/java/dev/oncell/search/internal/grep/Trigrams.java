package dev.oncell.search.internal.grep;

import java.util.Arrays;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;

/**
 * The distinct trigrams of a text: three consecutive UTF-16 chars, each case-folded ({@link
 * #fold}), none of them a newline (grep matches within a line). The same folding applies to the
 * trigrams a regex requires, so a case-insensitive regex is served by the same index.
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

  /** {@code text} with every char folded: the same length, comparable with index terms. */
  public static String foldAll(String text) {
    char[] out = new char[text.length()];
    for (int i = 0; i < out.length; i++) {
      out[i] = fold(text.charAt(i));
    }
    return new String(out);
  }

  /** The distinct trigrams of {@code text}, packed three chars to a long, sorted. */
  public static long[] distinct(String text) {
    int n = text.length();
    if (n < 3) {
      return new long[0];
    }
    long[] all = new long[n - 2];
    int count = 0;
    char a = fold(text.charAt(0));
    char b = fold(text.charAt(1));
    for (int i = 2; i < n; i++) {
      char c = fold(text.charAt(i));
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

  static long pack(char a, char b, char c) {
    return ((long) a << 32) | ((long) b << 16) | c;
  }

  /** The index term of a packed trigram. */
  static String text(long trigram) {
    return new String(
        new char[] {(char) (trigram >>> 32), (char) (trigram >>> 16), (char) trigram});
  }

  /** The index term of three chars, folded. */
  public static String term(char a, char b, char c) {
    return new String(new char[] {fold(a), fold(b), fold(c)});
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
