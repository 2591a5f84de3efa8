package dev.oncell.search.internal.analysis;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.StopFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.en.PorterStemFilter;
import org.apache.lucene.analysis.util.CharTokenizer;

/**
 * Analyzes code, prose and paths alike: tokens are runs of letters, digits, {@code _} and {@code
 * -}; {@link IdentifierSplitFilter} splits identifiers and lowercases; a Porter stemmer makes
 * {@code tokens}, {@code tokenize} and {@code token} meet. The same chain runs at index and at
 * query time, so whatever splitting it does is symmetric; the query chain also drops English stop
 * words (the index keeps them, they are cheap and a quoted identifier may contain one).
 */
public final class CodeAnalyzer extends Analyzer {

  /** English stop words and words of bug reports that say nothing about code. */
  static final CharArraySet QUERY_STOP_WORDS;

  static {
    CharArraySet set = new CharArraySet(EnglishAnalyzer.ENGLISH_STOP_WORDS_SET, false);
    for (String w :
        new String[] {
          "i", "me", "my", "we", "our", "you", "your", "he", "she", "him", "her", "its", "am",
          "been", "being", "do", "does", "did", "doing", "have", "has", "had", "having", "can",
          "could", "should", "would", "will", "shall", "may", "might", "must", "also", "just", "so",
          "than", "too", "very", "from", "up", "down", "out", "over", "under", "again", "when",
          "where", "why", "how", "what", "which", "who", "whom", "all", "any", "both", "each",
          "few", "more", "most", "other", "some", "only", "own", "same", "here", "there", "after",
          "before", "above", "below", "between", "through", "during", "about", "against", "because",
          "until", "while", "whether", "get", "got", "see", "seems", "seem", "like", "please",
          "thanks", "hi", "hello", "im", "ive", "dont", "doesnt", "didnt", "isnt", "cant", "wont",
          "s", "t", "d", "ll", "m", "re", "ve"
        }) {
      set.add(w);
    }
    QUERY_STOP_WORDS = CharArraySet.unmodifiableSet(set);
  }

  private final boolean query;

  private CodeAnalyzer(boolean query) {
    this.query = query;
  }

  /** The chain used to index content, symbols and paths. */
  public static CodeAnalyzer forIndex() {
    return new CodeAnalyzer(false);
  }

  /** The same chain without stop words, for queries. */
  public static CodeAnalyzer forQuery() {
    return new CodeAnalyzer(true);
  }

  @Override
  protected TokenStreamComponents createComponents(String fieldName) {
    CharTokenizer tokenizer =
        CharTokenizer.fromTokenCharPredicate(
            c -> Character.isLetterOrDigit(c) || c == '_' || c == '-');
    TokenStream stream = new IdentifierSplitFilter(tokenizer);
    if (query) {
      stream = new StopFilter(stream, QUERY_STOP_WORDS);
    }
    stream = new PorterStemFilter(stream);
    return new TokenStreamComponents(tokenizer, stream);
  }
}
