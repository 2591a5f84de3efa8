package dev.oncell.search.internal.chunk;

import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReferenceArray;
import org.treesitter.TSLanguage;
import org.treesitter.TSParser;

/**
 * Tree-sitter parsers for each language, reused across files: a parser is not thread-safe, but
 * cheap to keep. A thread takes one, parses, and gives it back; at most {@code maxIdle} per
 * language are kept, extra ones are closed (freeing their native memory).
 */
final class ParserPool {

  private final int maxIdle;
  private final AtomicReferenceArray<Grammar> grammars =
      new AtomicReferenceArray<>(Language.values().length);
  private final ConcurrentLinkedDeque<TSParser>[] idle;
  private final AtomicInteger[] idleCount;
  private final AtomicInteger created = new AtomicInteger();
  private final AtomicInteger closed = new AtomicInteger();

  @SuppressWarnings("unchecked")
  ParserPool(int maxIdle) {
    if (maxIdle < 0) {
      throw new IllegalArgumentException("maxIdle must not be negative: " + maxIdle);
    }
    this.maxIdle = maxIdle;
    int n = Language.values().length;
    this.idle = new ConcurrentLinkedDeque[n];
    this.idleCount = new AtomicInteger[n];
    for (int i = 0; i < n; i++) {
      idle[i] = new ConcurrentLinkedDeque<>();
      idleCount[i] = new AtomicInteger();
    }
  }

  /** A parser for {@code language}, to be handed back with {@link #give} or {@link #discard}. */
  TSParser take(Language language) {
    TSParser parser = idle[language.ordinal()].pollFirst();
    if (parser != null) {
      idleCount[language.ordinal()].decrementAndGet();
      return parser;
    }
    parser = new TSParser();
    if (!parser.setLanguage(grammar(language).language())) {
      parser.close();
      throw new IllegalStateException("tree-sitter rejects the grammar of " + language.id());
    }
    created.incrementAndGet();
    return parser;
  }

  /** Takes back a parser that is fit for the next file. */
  void give(Language language, TSParser parser) {
    if (idleCount[language.ordinal()].incrementAndGet() <= maxIdle) {
      idle[language.ordinal()].offerFirst(parser);
    } else {
      idleCount[language.ordinal()].decrementAndGet();
      discard(parser);
    }
  }

  /** Closes a parser that failed or is not needed. */
  void discard(TSParser parser) {
    parser.close();
    closed.incrementAndGet();
  }

  /** Parsers alive now, idle or taken. */
  int alive() {
    return created.get() - closed.get();
  }

  /** Parsers ever created. */
  int created() {
    return created.get();
  }

  /** The node types of {@code language}'s grammar. */
  NodeTypes types(Language language) {
    return grammar(language).types();
  }

  /** A loaded grammar (its native library loads on first use) and its node types. */
  private record Grammar(TSLanguage language, NodeTypes types) {}

  private Grammar grammar(Language language) {
    Grammar grammar = grammars.get(language.ordinal());
    if (grammar != null) {
      return grammar;
    }
    synchronized (grammars) {
      grammar = grammars.get(language.ordinal());
      if (grammar == null) {
        TSLanguage loaded = language.newGrammar();
        grammar = new Grammar(loaded, new NodeTypes(loaded));
        grammars.set(language.ordinal(), grammar);
      }
      return grammar;
    }
  }
}
