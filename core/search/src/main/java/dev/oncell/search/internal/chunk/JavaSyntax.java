package dev.oncell.search.internal.chunk;

import java.util.Optional;

/** Java: types and their members; Javadoc and comments attach to what follows. */
final class JavaSyntax implements Syntax {

  @Override
  public Optional<Definition> definition(Node node, boolean member, SourceText source) {
    return switch (node.type()) {
      case "class_declaration" -> type("class", node, source);
      case "interface_declaration" -> type("interface", node, source);
      case "enum_declaration" -> type("enum", node, source);
      case "record_declaration" -> type("record", node, source);
      case "annotation_type_declaration" -> type("annotation", node, source);
      case "method_declaration", "annotation_type_element_declaration" ->
          Definition.of("method", Syntax.name(node, "name", source));
      case "constructor_declaration", "compact_constructor_declaration" ->
          Definition.of("constructor", Syntax.name(node, "name", source));
      default -> Optional.empty();
    };
  }

  private static Optional<Definition> type(String kind, Node node, SourceText source) {
    return Definition.container(kind, Syntax.name(node, "name", source), node.field("body"));
  }

  @Override
  public boolean attachable(String type) {
    return type.equals("block_comment") || type.equals("line_comment");
  }

  @Override
  public boolean transparent(String type) {
    return type.equals("enum_body_declarations");
  }
}
