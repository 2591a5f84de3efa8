package dev.oncell.plugins.security.code;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The several-names-at-once nodes: {@code a, b = ..}, {@code x, err := ..}, {@code const {id} =
 * ..}.
 */
final class Lists {

  private static final Set<String> LISTS =
      Set.of(
          "pattern_list",
          "tuple_pattern",
          "list_pattern",
          "expression_list",
          "tuple",
          "array_pattern",
          "object_pattern");

  private Lists() {}

  static boolean isList(Node node) {
    return LISTS.contains(node.type());
  }

  /** The items of a list node; any other node is a list of itself. */
  static List<Node> items(Node node) {
    if (!isList(node)) {
      return List.of(node);
    }
    List<Node> items = new ArrayList<>();
    for (Node child : node.named()) {
      if (child.type().contains("comment")) {
        continue;
      }
      // {id: local} binds local; {id} binds id
      if (child.type().equals("pair_pattern")) {
        child.child("value").ifPresent(items::add);
      } else {
        items.add(child);
      }
    }
    return items;
  }
}
