package dev.oncell.plugins.security.code;

import java.util.Set;

/**
 * The node types of the four grammars that the data flow treats alike: a Java {@code
 * method_invocation}, a Python {@code call} and a Go {@code call_expression} are all calls.
 */
final class NodeTypes {

  private NodeTypes() {}

  /** What the data flow does with a node. */
  enum Kind {
    FUNCTION,
    STRING,
    LITERAL,
    CALL,
    MEMBER,
    BINARY,
    ASSIGNMENT,
    DECLARATION,
    SWITCH,
    LOOP,
    OTHER
  }

  /** The kind of a node type: one hash lookup per node instead of one per set. */
  static Kind kind(String type) {
    return KINDS.getOrDefault(type, Kind.OTHER);
  }

  static final Set<String> STRINGS =
      Set.of(
          "string_literal",
          "string",
          "interpreted_string_literal",
          "raw_string_literal",
          "template_string",
          "text_block",
          "concatenated_string");
  static final Set<String> LITERALS =
      Set.of(
          "character_literal",
          "decimal_integer_literal",
          "hex_integer_literal",
          "integer",
          "int_literal",
          "float",
          "float_literal",
          "decimal_floating_point_literal",
          "number",
          "true",
          "false",
          "null_literal",
          "none",
          "null",
          "nil",
          "undefined",
          "rune_literal",
          "regex");
  static final Set<String> MEMBERS =
      Set.of("field_access", "attribute", "member_expression", "selector_expression");
  static final Set<String> SUBSCRIPTS =
      Set.of("subscript", "subscript_expression", "array_access", "index_expression");
  static final Set<String> BINARY =
      Set.of("binary_expression", "binary_operator", "boolean_operator", "comparison_operator");
  static final Set<String> ASSIGNMENTS =
      Set.of(
          "assignment_expression",
          "augmented_assignment_expression",
          "assignment",
          "augmented_assignment",
          "assignment_statement");
  static final Set<String> DECLARATIONS =
      Set.of(
          "local_variable_declaration",
          "resource",
          "field_declaration",
          "lexical_declaration",
          "variable_declaration",
          "var_declaration",
          "const_declaration",
          "short_var_declaration");
  static final Set<String> SWITCHES =
      Set.of(
          "switch_expression",
          "switch_statement",
          "expression_switch_statement",
          "type_switch_statement",
          "match_statement");
  static final Set<String> BLOCKS = Set.of("block", "statement_block", "constructor_body");
  static final Set<String> LOOPS =
      Set.of(
          "for_statement",
          "enhanced_for_statement",
          "for_in_statement",
          "while_statement",
          "do_statement");

  private static final java.util.Map<String, Kind> KINDS = kinds();

  private static java.util.Map<String, Kind> kinds() {
    java.util.Map<String, Kind> kinds = new java.util.HashMap<>();
    Units.FUNCTIONS.forEach(t -> kinds.put(t, Kind.FUNCTION));
    STRINGS.forEach(t -> kinds.put(t, Kind.STRING));
    LITERALS.forEach(t -> kinds.put(t, Kind.LITERAL));
    Calls.TYPES.forEach(t -> kinds.put(t, Kind.CALL));
    MEMBERS.forEach(t -> kinds.put(t, Kind.MEMBER));
    SUBSCRIPTS.forEach(t -> kinds.put(t, Kind.MEMBER));
    BINARY.forEach(t -> kinds.put(t, Kind.BINARY));
    ASSIGNMENTS.forEach(t -> kinds.put(t, Kind.ASSIGNMENT));
    DECLARATIONS.forEach(t -> kinds.put(t, Kind.DECLARATION));
    SWITCHES.forEach(t -> kinds.put(t, Kind.SWITCH));
    LOOPS.forEach(t -> kinds.put(t, Kind.LOOP));
    return java.util.Map.copyOf(kinds);
  }
}
