package dev.oncell.plugins.security.code;

import java.util.List;
import java.util.Optional;

/**
 * Intra-procedural taint and constant propagation over one unit (a function, or a file's top-level
 * code): walks its statements in order, keeps a {@link State} of its variables, forks it at
 * branches and joins it after them, and asks {@link Sinks} at every call, assignment and return.
 * Each node is visited once (a loop body too, joined with the state before it), so the work is
 * linear in the file's size.
 */
final class Flow {

  private final ParsedFile file;
  private final Sinks sinks;
  private final Deadline deadline;
  private int loopDepth;
  private State globals = new State();
  private final Assignments assignments = new Assignments(this);

  Flow(ParsedFile file, Sinks sinks, Deadline deadline) {
    this.file = file;
    this.sinks = sinks;
    this.deadline = deadline;
  }

  /** Runs the flow over {@code unit}; its findings go to the {@link Sinks}. */
  void run(Units unit) {
    run(unit, 0);
  }

  /**
   * Runs the flow with {@code everyParameter} added to every parameter: a silent pass with the
   * parameter mark computes a {@link Sinks.Summary}.
   */
  void run(Units unit, int everyParameter) {
    Node node = unit.node();
    boolean function = Units.FUNCTIONS.contains(node.type());
    State state = function ? globals.entry() : new State();
    sinks.enter(unit);
    if (!function) {
      visitChildren(node, state);
      globals = state; // a file's top-level values (constants, fields) are seen by its functions
      return;
    }
    Params.bind(node, unit.decorators(), file, sinks.rules(), state, deadline, everyParameter);
    Optional<Node> body = node.child("body");
    if (body.isPresent()) {
      Value value = visit(body.get(), state);
      if (!NodeTypes.BLOCKS.contains(body.get().type())) {
        sinks.returned(body.get(), value); // x => x + 1, lambda x: x + 1
      }
    }
  }

  Value visit(Node node, State state) {
    deadline.check();
    if (!state.reachable()) {
      return Value.CLEAN;
    }
    String type = node.type();
    switch (NodeTypes.kind(type)) {
      case FUNCTION -> {
        return Value.CLEAN; // a unit of its own
      }
      case STRING -> {
        return string(node, state);
      }
      case LITERAL -> {
        return literal(node);
      }
      case CALL -> {
        return call(node, state);
      }
      case MEMBER -> {
        return member(node, state);
      }
      case BINARY -> {
        return binary(node, state);
      }
      case ASSIGNMENT -> {
        return assignment(node, state);
      }
      case DECLARATION -> {
        declaration(node, state);
        return Value.CLEAN;
      }
      case SWITCH -> {
        Branches.switchStatement(this, node, state);
        return Value.CLEAN;
      }
      case LOOP -> {
        Branches.loop(this, node, state);
        return Value.CLEAN;
      }
      case OTHER -> {}
    }
    return switch (type) {
      case "identifier", "shorthand_property_identifier" -> state.get(file.text(node));
      case "if_statement" -> {
        Branches.ifStatement(this, node, state);
        yield Value.CLEAN;
      }
      case "ternary_expression", "conditional_expression" -> Branches.ternary(this, node, state);
      case "return_statement" -> {
        Value value = visitChildren(node, state);
        sinks.returned(node, value);
        state.unreachable();
        yield Value.CLEAN;
      }
      case "throw_statement", "raise_statement" -> {
        visitChildren(node, state);
        state.unreachable();
        yield Value.CLEAN;
      }
      case "unary_expression", "not_operator" -> unary(node, state);
      case "cast_expression" -> node.child("value").map(v -> visit(v, state)).orElse(Value.CLEAN);
      case "pair", "keyword_argument" ->
          node.child("value").map(v -> visit(v, state)).orElse(Value.CLEAN);
      case "decorator",
          "comment",
          "line_comment",
          "block_comment",
          "import_declaration",
          "import_statement",
          "import_from_statement",
          "package_clause" ->
          Value.CLEAN;
      default -> visitChildren(node, state);
    };
  }

  /** Visits the named children in order; the value is what they make together. */
  Value visitChildren(Node node, State state) {
    Value value = null;
    for (Node child : node.children()) {
      if (!child.isNamed()) {
        continue;
      }
      Value v = visit(child, state);
      value = value == null ? v : value.and(v);
    }
    return value == null ? Value.CLEAN : value;
  }

  int loopDepth() {
    return loopDepth;
  }

  void enterLoop() {
    loopDepth++;
  }

  void leaveLoop() {
    loopDepth--;
  }

  ParsedFile file() {
    return file;
  }

  Sinks sinks() {
    return sinks;
  }

  private Value string(Node node, State state) {
    Value parts = null;
    StringBuilder text = new StringBuilder();
    for (Node child : node.children()) {
      String t = child.type();
      if (t.equals("interpolation") || t.equals("template_substitution")) {
        Value v = visitChildren(child, state);
        parts = parts == null ? v : parts.and(v);
      } else if (t.contains("fragment") || t.contains("content") || t.equals("escape_sequence")) {
        text.append(file.text(child));
      } else if (NodeTypes.STRINGS.contains(t)) {
        Value v = string(child, state); // Python's implicit concatenation
        parts = parts == null ? v : parts.and(v);
      }
    }
    if (parts != null) {
      return parts.tainted() ? parts : Value.CLEAN;
    }
    return Value.literal(text.toString());
  }

  private Value literal(Node node) {
    String text = file.text(node);
    return switch (node.type()) {
      case "true" -> Value.literal(Boolean.TRUE);
      case "false" -> Value.literal(Boolean.FALSE);
      case "character_literal", "rune_literal" ->
          Value.literal(text.length() >= 2 ? text.substring(1, text.length() - 1) : text);
      case "decimal_integer_literal", "integer", "int_literal", "number" -> {
        try {
          yield Value.literal(Long.parseLong(text.replace("_", "").replaceAll("[lL]$", "")));
        } catch (NumberFormatException e) {
          yield Value.UNKNOWN_CONSTANT;
        }
      }
      default -> Value.UNKNOWN_CONSTANT;
    };
  }

  private Value unary(Node node, State state) {
    Node operand =
        node.child("argument").or(() -> node.child("operand")).orElse(node.named().getLast());
    Value v = visit(operand, state);
    if (node.hasToken("!") || node.hasToken("not")) {
      if (v.literal().orElse(null) instanceof Boolean b) {
        return Value.literal(!b);
      }
      return v.constant() ? Value.UNKNOWN_CONSTANT : Value.CLEAN; // a boolean carries no data
    }
    return v;
  }

  private Value binary(Node node, State state) {
    List<Node> operands = node.named();
    String op =
        node.child("operator")
            .or(() -> node.child("operators"))
            .map(file::text)
            .orElseGet(() -> operator(node));
    if (operands.size() != 2) {
      Value v = visitChildren(node, state);
      return Folding.isComparison(op) ? (v.constant() ? Value.UNKNOWN_CONSTANT : Value.CLEAN) : v;
    }
    Value left = visit(operands.get(0), state);
    Value right = visit(operands.get(1), state);
    return Folding.binary(op, left, right);
  }

  private static String operator(Node node) {
    for (Node child : node.children()) {
      if (!child.isNamed()) {
        return child.type();
      }
    }
    return "";
  }

  private Value member(Node node, State state) {
    String key = Calls.squeeze(file.text(node));
    if (state.knows(key)) {
      return state.get(key);
    }
    Optional<String> element = Elements.key(this, node, state);
    if (element.isPresent() && state.knows(element.get())) {
      return state.get(element.get());
    }
    Optional<Value> source = sinks.memberSource(node, key);
    if (source.isPresent()) {
      return source.get();
    }
    Optional<Node> object =
        node.child("object")
            .or(() -> node.child("operand"))
            .or(() -> node.child("value"))
            .or(() -> node.child("array"));
    Value value = object.map(o -> visit(o, state)).orElse(Value.CLEAN);
    for (Node index : node.all("index")) {
      visit(index, state);
    }
    return value.tainted() ? value : Value.CLEAN;
  }

  private Value call(Node node, State state) {
    Call call = Calls.of(node, file);
    Value receiver = call.receiver().map(r -> visit(r, state)).orElse(Value.CLEAN);
    Value[] args = new Value[call.args().size()];
    Value inputs = receiver;
    for (int i = 0; i < args.length; i++) {
      args[i] = visit(call.args().get(i).value(), state);
      inputs = i == 0 && call.receiver().isEmpty() ? args[i] : inputs.and(args[i]);
    }
    sinks.call(call, receiver, args, state);
    Optional<Value> element = Elements.call(this, call, args, state);
    if (element.isPresent()) {
      return element.get();
    }
    Optional<Value> source = sinks.callSource(call);
    if (source.isPresent()) {
      return source.get();
    }
    if (sinks.mutates(call) && call.receiver().isPresent()) {
      Node r = mutated(call.receiver().get());
      if (r.type().equals("identifier") || NodeTypes.MEMBERS.contains(r.type())) {
        String key = Calls.squeeze(file.text(r));
        Value argsValue = Value.CLEAN;
        for (Value a : args) {
          argsValue = argsValue.and(a);
        }
        if (argsValue.tainted()) {
          state.set(key, state.get(key).and(argsValue));
        }
      }
    }
    if (call.receiver().isPresent()
        && args.length >= 1
        && (call.name().equals("get") || call.name().equals("getOrDefault"))) {
      // A lookup returns the collection's values (and the default), not the key it was given.
      Value looked = receiver;
      for (int i = 1; i < args.length; i++) {
        looked = looked.and(args[i]);
      }
      return looked.tainted() ? looked : Value.CLEAN;
    }
    Optional<Value> summarized = sinks.summarized(call, args);
    if (summarized.isPresent()) {
      return summarized.get();
    }
    Optional<Value> folded = Folding.stringMethod(call.name(), receiver, args);
    if (folded.isPresent()) {
      return folded.get();
    }
    Value result = sinks.sanitize(call, inputs);
    return result.tainted() ? result : Value.CLEAN;
  }

  /** The variable a chain of mutators changes: {@code sb} in {@code sb.append(a).append(b)}. */
  private Node mutated(Node receiver) {
    Node r = receiver;
    for (int i = 0; i < 64 && Calls.TYPES.contains(r.type()); i++) {
      Call inner = Calls.of(r, file);
      if (inner.receiver().isEmpty() || !sinks.mutates(inner)) {
        return r;
      }
      r = inner.receiver().get();
    }
    return r;
  }

  private Value assignment(Node node, State state) {
    return assignments.assignment(node, state);
  }

  private void declaration(Node node, State state) {
    assignments.declaration(node, state);
  }

  /** Stores {@code value} in the variable, field or element {@code target} names. */
  void assign(Node target, Value value, State state) {
    assignments.assign(target, value, state);
  }
}
