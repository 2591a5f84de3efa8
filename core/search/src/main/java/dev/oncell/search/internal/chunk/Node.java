package dev.oncell.search.internal.chunk;

import java.util.Optional;
import org.treesitter.TSNode;

/**
 * A named syntax node with what chunking asks of it most, read once: each call into the bindings
 * costs about a microsecond.
 */
record Node(TSNode ts, String type, int startByte, int endByte, NodeTypes types) {

  /** The child in field {@code name}. */
  Optional<Node> field(String name) {
    TSNode child = ts.getChildByFieldName(name);
    return child == null || child.isNull() ? Optional.empty() : Optional.of(types.node(child));
  }

  /** The text of this node if it lies on one line (names do), else empty. */
  Optional<String> text(SourceText source) {
    if (source.rowOfByte(startByte) != source.rowOfByte(Math.max(startByte, endByte - 1))) {
      return Optional.empty();
    }
    return Optional.of(source.textOfBytes(startByte, endByte));
  }

  int namedChildCount() {
    return ts.getNamedChildCount();
  }

  Node namedChild(int i) {
    return types.node(ts.getNamedChild(i));
  }
}
