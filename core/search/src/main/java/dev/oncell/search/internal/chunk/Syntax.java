package dev.oncell.search.internal.chunk;

import java.util.Optional;

/** What the syntax tree of one language means for chunking. */
interface Syntax {

  /**
   * A definition: {@code members} is the node whose children are its members (classes, namespaces),
   * empty for definitions that are split at statements (functions).
   */
  record Definition(String kind, String name, Optional<Node> members) {

    static Optional<Definition> of(String kind, Optional<String> name) {
      return name.map(n -> new Definition(kind, n, Optional.empty()));
    }

    static Optional<Definition> container(String kind, Optional<String> name, Optional<Node> body) {
      return name.map(n -> new Definition(kind, n, body));
    }
  }

  /**
   * The definition {@code node} is, if any.
   *
   * @param member true inside a class body (a Python function there is a method)
   */
  Optional<Definition> definition(Node node, boolean member, SourceText source);

  /** Comments and decorators, which belong to the definition right after them. */
  boolean attachable(String type);

  /** Wrappers whose children count as members of the enclosing body. */
  default boolean transparent(String type) {
    return false;
  }

  /** The text of {@code node}'s {@code field}, on one line. */
  static Optional<String> name(Node node, String field, SourceText source) {
    return node.field(field).flatMap(n -> n.text(source));
  }
}
