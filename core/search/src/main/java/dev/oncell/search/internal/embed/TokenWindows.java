package dev.oncell.search.internal.embed;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.djl.huggingface.tokenizers.jni.CharSpan;
import java.util.ArrayList;
import java.util.List;

/**
 * Cuts a text into pieces of at most {@code maxTokens} word pieces each, at word boundaries (never
 * before a {@code ##} continuation), so that each piece fits the model's window. Thread-safe.
 */
final class TokenWindows {

  /** One piece of a text and the number of word pieces in it (its weight in the average). */
  record Piece(String text, int tokens) {}

  private final HuggingFaceTokenizer tokenizer;
  private final int maxTokens;

  /**
   * @param tokenizer a tokenizer that neither truncates nor pads
   * @param maxTokens word pieces per piece, not counting {@code [CLS]} and {@code [SEP]}
   */
  TokenWindows(HuggingFaceTokenizer tokenizer, int maxTokens) {
    if (maxTokens < 1) {
      throw new IllegalArgumentException("maxTokens must be positive: " + maxTokens);
    }
    this.tokenizer = tokenizer;
    this.maxTokens = maxTokens;
  }

  /**
   * The pieces of {@code text}, in order; the text itself when it fits. Empty when the text has no
   * tokens (blank).
   */
  List<Piece> split(String text) {
    Encoding encoding = tokenizer.encode(text, false, false);
    String[] tokens = encoding.getTokens();
    if (tokens.length <= maxTokens) {
      return tokens.length == 0 ? List.of() : List.of(new Piece(text, tokens.length));
    }
    CharSpan[] spans = encoding.getCharTokenSpans();
    // The tokenizer counts offsets in code points; Java strings in UTF-16 units.
    boolean surrogates = text.codePoints().anyMatch(Character::isSupplementaryCodePoint);
    List<Piece> pieces = new ArrayList<>();
    int from = 0;
    while (from < tokens.length) {
      int to = Math.min(from + maxTokens, tokens.length);
      if (to < tokens.length) {
        int cut = to;
        while (cut > from + 1 && tokens[cut].startsWith("##")) {
          cut--;
        }
        to = cut > from + 1 ? cut : to;
      }
      int start = charIndex(text, spans[from].getStart(), surrogates);
      int end = charIndex(text, spans[to - 1].getEnd(), surrogates);
      if (end > start) {
        String piece = text.substring(start, end);
        if (!piece.isBlank()) {
          pieces.add(new Piece(piece, to - from));
        }
      }
      from = to;
    }
    return pieces;
  }

  private static int charIndex(String text, int codePoint, boolean surrogates) {
    int cp = Math.clamp(codePoint, 0, text.length());
    if (!surrogates) {
      return cp;
    }
    int count = text.codePointCount(0, text.length());
    return text.offsetByCodePoints(0, Math.min(cp, count));
  }
}
