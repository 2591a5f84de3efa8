package dev.oncell.search.internal.chunk;

import java.util.Optional;
import java.util.Set;

/**
 * JavaScript, TypeScript and TSX (the TypeScript grammar adds node types to the JavaScript one):
 * functions, classes and their members, functions bound to a {@code const} or assigned to a
 * property, interfaces, types, enums, namespaces; {@code export} and {@code declare} unwrapped.
 */
final class ScriptSyntax implements Syntax {

  private static final Set<String> FUNCTION_VALUES =
      Set.of("arrow_function", "function_expression", "function", "generator_function");
  private static final Set<String> CLASS_VALUES = Set.of("class", "class_expression");

  @Override
  public Optional<Definition> definition(Node node, boolean member, SourceText source) {
    return switch (node.type()) {
      case "function_declaration", "generator_function_declaration", "function_signature" ->
          Definition.of("function", name(node, source));
      case "class_declaration", "abstract_class_declaration", "class" ->
          Definition.container("class", name(node, source), node.field("body"));
      case "interface_declaration" -> Definition.of("interface", name(node, source));
      case "type_alias_declaration" -> Definition.of("type", name(node, source));
      case "enum_declaration" -> Definition.of("enum", name(node, source));
      case "internal_module", "module" ->
          Definition.container("namespace", name(node, source), node.field("body"));
      case "export_statement" -> exported(node, member, source);
      case "ambient_declaration", "expression_statement" -> {
        if (node.namedChildCount() != 1) {
          yield Optional.empty();
        }
        Node inner = node.namedChild(0);
        yield inner.type().equals("assignment_expression")
            ? assigned(inner, source)
            : definition(inner, member, source);
      }
      case "lexical_declaration", "variable_declaration" -> declared(node, source);
      case "method_definition", "method_signature", "abstract_method_signature" -> {
        Optional<String> name = name(node, source);
        yield Definition.of(
            name.filter("constructor"::equals).isPresent() ? "constructor" : "method", name);
      }
      case "public_field_definition", "field_definition" -> {
        // handle = (req) => { ... }: a method in all but name
        Optional<Node> value = node.field("value");
        if (value.filter(v -> FUNCTION_VALUES.contains(v.type())).isEmpty()) {
          yield Optional.empty();
        }
        Optional<String> name = name(node, source).or(() -> Syntax.name(node, "property", source));
        yield Definition.of("method", name);
      }
      default -> Optional.empty();
    };
  }

  /** {@code export [default] <declaration>}; {@code export default X;} is no definition. */
  private Optional<Definition> exported(Node node, boolean member, SourceText source) {
    Optional<Node> declaration = node.field("declaration").or(() -> node.field("value"));
    if (declaration.isEmpty()) {
      return Optional.empty();
    }
    Node d = declaration.get();
    Optional<Definition> definition = definition(d, member, source);
    if (definition.isEmpty()
        && d.field("name").isEmpty()
        && (d.type().contains("function") || d.type().contains("class"))) {
      // export default function () {}: anonymous, known by its export
      boolean isClass = d.type().contains("class");
      return Optional.of(
          new Syntax.Definition(
              isClass ? "class" : "function",
              "default",
              isClass ? d.field("body") : Optional.empty()));
    }
    return definition;
  }

  /** {@code const verifyToken = (...) => {}} and {@code const Foo = class {}}. */
  private static Optional<Definition> declared(Node node, SourceText source) {
    if (node.namedChildCount() != 1) {
      return Optional.empty();
    }
    Node declarator = node.namedChild(0);
    if (!declarator.type().equals("variable_declarator")) {
      return Optional.empty();
    }
    Optional<Node> value = declarator.field("value");
    Optional<Node> name = declarator.field("name").filter(n -> n.type().equals("identifier"));
    if (value.isEmpty() || name.isEmpty()) {
      return Optional.empty();
    }
    String type = value.get().type();
    if (FUNCTION_VALUES.contains(type)) {
      return Definition.of("function", name.get().text(source));
    }
    if (CLASS_VALUES.contains(type)) {
      return Definition.container("class", name.get().text(source), value.get().field("body"));
    }
    return Optional.empty();
  }

  /** {@code Router.prototype.handle = function () {}} is {@code Router.prototype.handle}. */
  private static Optional<Definition> assigned(Node assignment, SourceText source) {
    Optional<Node> value = assignment.field("right");
    if (value.filter(v -> FUNCTION_VALUES.contains(v.type())).isEmpty()) {
      return Optional.empty();
    }
    return Definition.of(
        "function",
        assignment
            .field("left")
            .filter(l -> l.type().equals("member_expression") || l.type().equals("identifier"))
            .flatMap(l -> l.text(source))
            .filter(t -> t.length() <= 200));
  }

  private static Optional<String> name(Node node, SourceText source) {
    return Syntax.name(node, "name", source);
  }

  @Override
  public boolean attachable(String type) {
    return type.equals("comment") || type.equals("decorator");
  }
}
