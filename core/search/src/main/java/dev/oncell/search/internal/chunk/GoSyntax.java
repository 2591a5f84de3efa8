package dev.oncell.search.internal.chunk;

import java.util.Optional;

/** Go: functions, methods as {@code Receiver.Method}, type declarations. */
final class GoSyntax implements Syntax {

  @Override
  public Optional<Definition> definition(Node node, boolean member, SourceText source) {
    return switch (node.type()) {
      case "function_declaration" -> Definition.of("function", Syntax.name(node, "name", source));
      case "method_declaration" -> {
        Optional<String> name = Syntax.name(node, "name", source);
        Optional<String> receiver = node.field("receiver").flatMap(r -> receiverType(r, source));
        yield Definition.of("method", name.map(n -> receiver.map(r -> r + "." + n).orElse(n)));
      }
      case "type_declaration" -> {
        if (node.namedChildCount() != 1) {
          yield Optional.empty(); // type ( A ...; B ... ): a group, left as it is
        }
        Node spec = node.namedChild(0);
        boolean isInterface =
            spec.field("type").filter(t -> t.type().equals("interface_type")).isPresent();
        yield Definition.of(isInterface ? "interface" : "type", Syntax.name(spec, "name", source));
      }
      default -> Optional.empty();
    };
  }

  /** {@code (s *Store[T])} is {@code Store}. */
  private static Optional<String> receiverType(Node parameters, SourceText source) {
    if (parameters.namedChildCount() == 0) {
      return Optional.empty();
    }
    return parameters
        .namedChild(0)
        .field("type")
        .flatMap(t -> t.text(source))
        .map(
            t -> {
              String type = t.replace("*", "").strip();
              int generic = type.indexOf('[');
              return generic < 0 ? type : type.substring(0, generic).strip();
            })
        .filter(t -> !t.isEmpty());
  }

  @Override
  public boolean attachable(String type) {
    return type.equals("comment");
  }
}
