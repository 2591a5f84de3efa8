package dev.oncell.plugins.security.code;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Reads a {@link Call} out of the call and constructor nodes of the four grammars. */
final class Calls {

  /** The node types that are calls or constructions. */
  static final Set<String> TYPES =
      Set.of(
          "method_invocation",
          "object_creation_expression",
          "call",
          "call_expression",
          "new_expression");

  private static final Set<String> MEMBERS =
      Set.of("field_access", "attribute", "member_expression", "selector_expression");

  private Calls() {}

  static Call of(Node node, ParsedFile file) {
    String name;
    Optional<Node> receiver = Optional.empty();
    Optional<Node> arguments = node.child("arguments");
    switch (node.type()) {
      case "method_invocation" -> {
        name = node.child("name").map(file::text).orElse("");
        receiver = node.child("object");
      }
      case "object_creation_expression" ->
          name = node.child("type").map(t -> simpleType(file.text(t))).orElse("");
      case "new_expression" ->
          name = node.child("constructor").map(t -> simpleType(file.text(t))).orElse("");
      default -> {
        Node function = node.child("function").orElse(node);
        if (MEMBERS.contains(function.type())) {
          Optional<Node> member =
              function
                  .child("attribute")
                  .or(() -> function.child("property"))
                  .or(() -> function.child("field"));
          name = member.map(file::text).orElse(file.text(function));
          receiver = function.child("object").or(() -> function.child("operand"));
        } else {
          name = function == node ? "" : file.text(function);
        }
      }
    }
    List<Call.Arg> args = new ArrayList<>();
    arguments.ifPresent(
        list -> {
          for (Node arg : list.named()) {
            if (arg.type().contains("comment")) {
              continue;
            }
            if (arg.type().equals("keyword_argument")) {
              Optional<Node> value = arg.child("value");
              if (value.isPresent()) {
                args.add(new Call.Arg(value.get(), arg.child("name").map(file::text)));
              }
            } else {
              args.add(new Call.Arg(arg, Optional.empty()));
            }
          }
        });
    String receiverText = receiver.map(r -> squeeze(file.text(r))).orElse("");
    return new Call(node, name, receiver, receiverText, List.copyOf(args));
  }

  /**
   * {@code java.util.Random} and {@code ArrayList<String>} become {@code Random}, {@code
   * ArrayList}.
   */
  static String simpleType(String type) {
    int generic = type.indexOf('<');
    String plain = generic >= 0 ? type.substring(0, generic) : type;
    plain = plain.strip();
    int dot = plain.lastIndexOf('.');
    return dot >= 0 ? plain.substring(dot + 1) : plain;
  }

  /** The text without whitespace: how receivers and assignment targets are matched and keyed. */
  static String squeeze(String text) {
    StringBuilder sb = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (!Character.isWhitespace(c)) {
        sb.append(c);
      }
    }
    return sb.toString();
  }
}
