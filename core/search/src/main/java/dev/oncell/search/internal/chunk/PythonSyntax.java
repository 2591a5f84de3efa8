package dev.oncell.search.internal.chunk;

import java.util.Optional;

/** Python: classes, functions (methods in a class), with their decorators. */
final class PythonSyntax implements Syntax {

  @Override
  public Optional<Definition> definition(Node node, boolean member, SourceText source) {
    return switch (node.type()) {
      case "function_definition" -> {
        Optional<String> name = Syntax.name(node, "name", source);
        String kind =
            !member
                ? "function"
                : name.filter("__init__"::equals).isPresent() ? "constructor" : "method";
        yield Definition.of(kind, name);
      }
      case "class_definition" ->
          Definition.container("class", Syntax.name(node, "name", source), node.field("body"));
      case "decorated_definition" ->
          node.field("definition").flatMap(d -> definition(d, member, source));
      default -> Optional.empty();
    };
  }

  @Override
  public boolean attachable(String type) {
    return type.equals("comment");
  }
}
