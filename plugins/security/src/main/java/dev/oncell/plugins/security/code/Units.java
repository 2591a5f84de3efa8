package dev.oncell.plugins.security.code;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The units the data flow runs over, one by one: every function, method and lambda of a file, and
 * the file itself for its top-level code (a script). A nested function is a unit of its own; its
 * parent's walk does not enter it.
 *
 * @param node the function (or the file's root)
 * @param name the function's name ({@code const f = () => ..} names the arrow function), "" if none
 * @param decorators the text of a Python function's decorators, "" otherwise
 */
record Units(Node node, String name, String decorators) {

  static final Set<String> FUNCTIONS =
      Set.of(
          "method_declaration",
          "constructor_declaration",
          "lambda_expression",
          "function_definition",
          "lambda",
          "function_declaration",
          "function_expression",
          "function",
          "generator_function_declaration",
          "generator_function",
          "arrow_function",
          "method_definition",
          "func_literal");

  /** The units of {@code root}, the root first; iterative, so depth costs no stack. */
  static List<Units> of(Node root, ParsedFile file) {
    List<Units> units = new ArrayList<>();
    units.add(new Units(root, "", ""));
    List<Node> stack = new ArrayList<>(List.of(root));
    while (!stack.isEmpty()) {
      Node node = stack.removeLast();
      for (int i = node.children().size() - 1; i >= 0; i--) {
        Node child = node.children().get(i);
        String childDecorators = "";
        if (node.type().equals("decorated_definition") && !child.type().equals("decorator")) {
          StringBuilder sb = new StringBuilder();
          for (Node d : node.children()) {
            if (d.type().equals("decorator")) {
              sb.append(file.text(d)).append('\n');
            }
          }
          childDecorators = sb.toString();
        }
        if (FUNCTIONS.contains(child.type())) {
          String name = child.child("name").map(file::text).orElse("");
          if (name.isEmpty() && node.type().equals("variable_declarator")) {
            name = node.child("name").map(file::text).orElse("");
          }
          units.add(new Units(child, name, childDecorators));
        }
        stack.add(child);
      }
    }
    return units;
  }
}
