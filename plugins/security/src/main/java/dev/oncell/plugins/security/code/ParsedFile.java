package dev.oncell.plugins.security.code;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.treesitter.TSParser;
import org.treesitter.TSTree;

/**
 * A source file parsed into a {@link Node} tree, with its bytes for the text of any node. Reading
 * stops with {@link TooLarge} past the node or depth budget, so a hostile file costs bounded time
 * and memory and never overflows the stack of the (recursive) data flow.
 */
final class ParsedFile {

  /** A file past a budget; the message says which, for the scan's list of skipped files. */
  static final class TooLarge extends RuntimeException {
    TooLarge(String message) {
      super(message, null, false, false);
    }
  }

  private final byte[] bytes;
  private final Node root;
  private final int[] lineStarts;

  private ParsedFile(byte[] bytes, Node root, int[] lineStarts) {
    this.bytes = bytes;
    this.root = root;
    this.lineStarts = lineStarts;
  }

  /**
   * Parses {@code text} with {@code parser} (set to the file's language).
   *
   * @throws TooLarge past {@code maxNodes} nodes or {@code maxDepth} levels
   */
  static ParsedFile parse(
      TSParser parser, Symbols symbols, String text, int maxNodes, int maxDepth) {
    return parse(parser, symbols, text, maxNodes, maxDepth, true);
  }

  /** {@link #parse}, through the JNI cursor when {@code ffm} is false (to compare the two). */
  static ParsedFile parse(
      TSParser parser, Symbols symbols, String text, int maxNodes, int maxDepth, boolean ffm) {
    String parseable = parseable(text);
    byte[] bytes = parseable.getBytes(StandardCharsets.UTF_8);
    int[] lineStarts = lineStarts(bytes);
    TSTree tree = parser.parseString(null, parseable);
    try {
      return new ParsedFile(
          bytes, new Copy(symbols, lineStarts).copy(tree, maxNodes, maxDepth, ffm), lineStarts);
    } finally {
      tree.close();
    }
  }

  Node root() {
    return root;
  }

  /** The source text of {@code node}. */
  String text(Node node) {
    return new String(bytes, node.start(), node.end() - node.start(), StandardCharsets.UTF_8);
  }

  /** The text of the 1-based {@code line}, without its line break. */
  String line(int line) {
    int start = lineStarts[Math.max(0, Math.min(line - 1, lineStarts.length - 1))];
    int end = start;
    while (end < bytes.length && bytes[end] != '\n' && bytes[end] != '\r') {
      end++;
    }
    return new String(bytes, start, end - start, StandardCharsets.UTF_8);
  }

  /** Copies a native tree into {@link Node}s. */
  private record Copy(Symbols symbols, int[] lineStarts) {

    /** Depth-first with one cursor: no recursion, bounded by the budgets. */
    Node copy(TSTree tree, int maxNodes, int maxDepth, boolean ffm) {
      Deque<Open> open = new ArrayDeque<>();
      int count = 0;
      try (Cursor cursor = FfmCursor.at(tree).orElseGet(() -> new JniCursor(tree.getRootNode()))) {
        open.push(start(cursor));
        while (true) {
          if (++count > maxNodes) {
            throw new TooLarge("skipped: more than " + maxNodes + " syntax nodes");
          }
          if (open.size() > maxDepth) {
            throw new TooLarge("skipped: nested deeper than " + maxDepth + " levels");
          }
          if (cursor.gotoFirstChild()) {
            open.push(start(cursor));
            continue;
          }
          // A leaf: close it and every ancestor that has no next sibling.
          while (true) {
            Open o = open.pop();
            Node node =
                new Node(o.type, o.field, o.named, o.start, o.end, o.line, List.copyOf(o.kids));
            if (open.isEmpty()) {
              return node;
            }
            open.peek().kids.add(node);
            if (cursor.gotoNextSibling()) {
              open.push(start(cursor));
              break;
            }
            cursor.gotoParent();
          }
        }
      }
    }

    private Open start(Cursor cursor) {
      int symbol = cursor.symbol();
      int start = cursor.startByte();
      return new Open(
          symbols.name(symbol),
          symbols.field(cursor.fieldId()),
          symbols.named(symbol),
          start,
          cursor.endByte(),
          lineOf(start),
          new ArrayList<>(2));
    }

    private int lineOf(int offset) {
      int at = java.util.Arrays.binarySearch(lineStarts, offset);
      return (at >= 0 ? at : -at - 2) + 1;
    }
  }

  /** A node being copied: its children are still coming. */
  private record Open(
      String type, String field, boolean named, int start, int end, int line, List<Node> kids) {}

  private static int[] lineStarts(byte[] bytes) {
    List<Integer> starts = new ArrayList<>();
    starts.add(0);
    for (int i = 0; i < bytes.length; i++) {
      if (bytes[i] == '\n') {
        starts.add(i + 1);
      }
    }
    return starts.stream().mapToInt(Integer::intValue).toArray();
  }

  /**
   * The text tree-sitter's bindings can take: they stop at NUL, drop U+FEFF, U+FFFE and U+FFFF and
   * reject lone surrogates; each becomes a space, and the bytes the nodes point into are the UTF-8
   * of this same text.
   */
  static String parseable(String text) {
    StringBuilder sb = null;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      boolean bad =
          c == 0
              || c == 0xFEFF
              || c == 0xFFFE
              || c == 0xFFFF
              || (Character.isHighSurrogate(c)
                  && !(i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))))
              || (Character.isLowSurrogate(c)
                  && !(i > 0 && Character.isHighSurrogate(text.charAt(i - 1))));
      if (bad && sb == null) {
        sb = new StringBuilder(text.length()).append(text, 0, i);
      }
      if (sb != null) {
        sb.append(bad ? ' ' : c);
      }
    }
    return sb == null ? text : sb.toString();
  }
}
