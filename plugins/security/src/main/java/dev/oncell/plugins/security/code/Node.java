package dev.oncell.plugins.security.code;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A node of a syntax tree copied out of tree-sitter's native tree, so that the data flow walks
 * plain Java objects and the native tree is freed as soon as the file is read.
 *
 * @param type the grammar's node type ({@code method_invocation}, {@code call}, ...)
 * @param field the field this node fills in its parent ({@code name}, {@code arguments}), or ""
 * @param isNamed whether the grammar names this node (punctuation and keywords are anonymous)
 * @param start the first byte, in the file's UTF-8 bytes
 * @param end the byte after the last
 * @param line the 1-based line it starts on
 */
record Node(
    String type, String field, boolean isNamed, int start, int end, int line, List<Node> children) {

  /** The first child in {@code name}'s field. */
  Optional<Node> child(String name) {
    for (Node child : children) {
      if (child.field.equals(name)) {
        return Optional.of(child);
      }
    }
    return Optional.empty();
  }

  /** Every child in {@code name}'s field, in order. */
  List<Node> all(String name) {
    List<Node> found = new ArrayList<>(2);
    for (Node child : children) {
      if (child.field.equals(name)) {
        found.add(child);
      }
    }
    return found;
  }

  /** The named children, in order. */
  List<Node> named() {
    List<Node> found = new ArrayList<>(children.size());
    for (Node child : children) {
      if (child.isNamed) {
        found.add(child);
      }
    }
    return found;
  }

  /** The first named child of {@code type}. */
  Optional<Node> first(String type) {
    for (Node child : children) {
      if (child.type.equals(type)) {
        return Optional.of(child);
      }
    }
    return Optional.empty();
  }

  /** Whether an anonymous child is the token {@code token} ({@code !}, {@code not}, {@code +=}). */
  boolean hasToken(String token) {
    for (Node child : children) {
      if (!child.isNamed && child.type.equals(token)) {
        return true;
      }
    }
    return false;
  }
}
