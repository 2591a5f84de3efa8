package dev.oncell.search.internal.chunk;

import org.treesitter.TSLanguage;
import org.treesitter.TSNode;
import org.treesitter.TSSymbolType;

/**
 * The node types of one grammar by symbol number, read once: a node's symbol then gives its type
 * and whether it is named in one call into the bindings instead of two (each costs about a
 * microsecond, a good part of chunking's time beyond the parse).
 */
final class NodeTypes {

  private final String[] types;
  private final boolean[] named;

  NodeTypes(TSLanguage grammar) {
    int count = grammar.symbolCount();
    this.types = new String[count];
    this.named = new boolean[count];
    for (int symbol = 0; symbol < count; symbol++) {
      types[symbol] = grammar.symbolName(symbol);
      named[symbol] = grammar.symbolType(symbol) == TSSymbolType.TSSymbolTypeRegular;
    }
  }

  /** The node, if it is a named one (no punctuation, no keyword). */
  Node namedOrNull(TSNode ts) {
    int symbol = ts.getSymbol();
    if (symbol >= 0 && symbol < types.length) {
      return named[symbol] ? node(ts, types[symbol]) : null;
    }
    return ts.isNamed() ? node(ts, ts.getType()) : null; // ERROR has a symbol of its own
  }

  Node node(TSNode ts) {
    int symbol = ts.getSymbol();
    return node(ts, symbol >= 0 && symbol < types.length ? types[symbol] : ts.getType());
  }

  private Node node(TSNode ts, String type) {
    return new Node(ts, type, ts.getStartByte(), ts.getEndByte(), this);
  }
}
