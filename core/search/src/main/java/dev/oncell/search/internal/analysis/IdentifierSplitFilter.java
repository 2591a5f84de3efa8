package dev.oncell.search.internal.analysis;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.lucene.analysis.TokenFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute;

/**
 * Splits an identifier token into its words and lowercases them: {@code verifyToken}, {@code
 * verify_token}, {@code VerifyToken} and {@code verify-token} all give {@code verify}, {@code
 * token}; {@code HTTPServer} gives {@code http}, {@code server}. When there is more than one word
 * the whole identifier comes first, lowercased and without separators ({@code verifytoken}), so
 * that an exact identifier query matches its rare whole token as well as its common words. Digits
 * stay with the letters before them ({@code sha256}, {@code int32}).
 *
 * <p>The whole token is at the position of the identifier, each further word one position on.
 */
public final class IdentifierSplitFilter extends TokenFilter {

  /** Tokens longer than this are data (base64, hashes), not identifiers: only their words count. */
  static final int MAX_WHOLE = 64;

  /** Single words longer than this are dropped. */
  static final int MAX_WORD = 40;

  private final CharTermAttribute term = addAttribute(CharTermAttribute.class);
  private final PositionIncrementAttribute posInc = addAttribute(PositionIncrementAttribute.class);
  private final OffsetAttribute offset = addAttribute(OffsetAttribute.class);
  private int start;
  private int end;
  private final List<String> pending = new ArrayList<>();
  private int next;
  private boolean firstOfToken;
  private boolean hasWhole;

  public IdentifierSplitFilter(TokenStream input) {
    super(input);
  }

  @Override
  public boolean incrementToken() throws IOException {
    while (true) {
      if (next < pending.size()) {
        String word = pending.get(next++);
        int inc = posInc.getPositionIncrement();
        clearAttributes();
        term.setEmpty().append(word);
        offset.setOffset(start, end); // every word of an identifier spans the identifier
        posInc.setPositionIncrement(
            firstOfToken ? Math.max(inc, 1) : (hasWhole && next == 2 ? 0 : 1));
        firstOfToken = false;
        return true;
      }
      if (!input.incrementToken()) {
        return false;
      }
      if (singleWord(term.buffer(), term.length())) {
        // Most tokens are one word: lowercase in place, nothing to allocate.
        char[] buf = term.buffer();
        for (int i = 0; i < term.length(); i++) {
          buf[i] = Character.toLowerCase(buf[i]);
        }
        return true;
      }
      pending.clear();
      next = 0;
      start = offset.startOffset();
      end = offset.endOffset();
      hasWhole = split(term.buffer(), term.length(), pending);
      firstOfToken = true;
    }
  }

  @Override
  public void reset() throws IOException {
    super.reset();
    pending.clear();
    next = 0;
  }

  /**
   * Adds to {@code out} the whole identifier (when it has more than one word) and its words, all
   * lowercased.
   *
   * @return whether the whole identifier was added
   */
  static boolean split(char[] buf, int len, List<String> out) {
    List<String> words = new ArrayList<>(4);
    int start = -1;
    for (int i = 0; i < len; i++) {
      char c = buf[i];
      if (!Character.isLetterOrDigit(c)) {
        if (start >= 0) {
          words.add(new String(buf, start, i - start));
          start = -1;
        }
        continue;
      }
      if (start < 0) {
        start = i;
      } else if (boundary(buf, i, len)) {
        words.add(new String(buf, start, i - start));
        start = i;
      }
    }
    if (start >= 0) {
      words.add(new String(buf, start, len - start));
    }
    if (words.isEmpty()) {
      return false;
    }
    boolean whole = false;
    if (words.size() > 1) {
      StringBuilder joined = new StringBuilder();
      for (String w : words) {
        joined.append(w);
      }
      if (joined.length() <= MAX_WHOLE) {
        out.add(joined.toString().toLowerCase(Locale.ROOT));
        whole = true;
      }
    }
    for (String w : words) {
      if (w.length() <= MAX_WORD) {
        out.add(w.toLowerCase(Locale.ROOT));
      }
    }
    return whole;
  }

  /** Whether the token is one word of letters and digits, no longer than {@link #MAX_WORD}. */
  private static boolean singleWord(char[] buf, int len) {
    if (len == 0 || len > MAX_WORD) {
      return false;
    }
    for (int i = 0; i < len; i++) {
      char c = buf[i];
      if (c >= 'a' && c <= 'z' || c >= '0' && c <= '9') {
        continue;
      }
      if (!Character.isLetterOrDigit(c) || i > 0 && boundary(buf, i, len)) {
        return false;
      }
    }
    return true;
  }

  /** A new word starts at {@code i}: aB, or the B of ABc; digits stay with what precedes them. */
  private static boolean boundary(char[] buf, int i, int len) {
    char prev = buf[i - 1];
    char c = buf[i];
    if (Character.isUpperCase(c)) {
      if (Character.isLowerCase(prev) || Character.isDigit(prev)) {
        return true;
      }
      return Character.isUpperCase(prev) && i + 1 < len && Character.isLowerCase(buf[i + 1]);
    }
    return false;
  }
}
