package dev.oncell.plugins.security.code;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Elements of collections under constant keys: {@code map.put("a", x)} then {@code map.get("a")},
 * {@code d = {"a": x}} then {@code d["a"]}, {@code values = {"safe", param}} then {@code
 * values[0]}. Each known element is a variable of its own ({@code map} + key); the collection as a
 * whole stays as tainted as anything put in it, for reads under keys that are not constants.
 */
final class Elements {

  private static final Set<String> CONTAINERS =
      Set.of("dictionary", "object", "array_initializer", "list", "array", "composite_literal");

  private Elements() {}

  static String element(String base, Object key) {
    return base + "\u0001" + key;
  }

  /** The element key of {@code values["a"]}, {@code values[0]} or {@code values.a}, if constant. */
  static Optional<String> key(Flow flow, Node node, State state) {
    ParsedFile file = flow.file();
    if (NodeTypes.SUBSCRIPTS.contains(node.type())) {
      Optional<Node> base =
          node.child("object")
              .or(() -> node.child("operand"))
              .or(() -> node.child("value"))
              .or(() -> node.child("array"));
      Optional<Node> index = node.child("index").or(() -> node.child("subscript"));
      if (base.isEmpty() || index.isEmpty()) {
        return Optional.empty();
      }
      Optional<Object> literal = flow.visit(index.get(), state.copy()).literal();
      return literal.map(l -> element(Calls.squeeze(file.text(base.get())), l));
    }
    if (node.type().equals("member_expression")) {
      Optional<Node> object = node.child("object");
      Optional<Node> property = node.child("property");
      if (object.isPresent() && property.isPresent()) {
        return Optional.of(
            element(Calls.squeeze(file.text(object.get())), file.text(property.get())));
      }
    }
    return Optional.empty();
  }

  /** {@code map.get("a")} of a known element, or records {@code map.put("a", x)}. */
  static Optional<Value> call(Flow flow, Call call, Value[] args, State state) {
    if (call.receiver().isEmpty() || args.length == 0) {
      return Optional.empty();
    }
    Node receiver = call.receiver().get();
    if (!receiver.type().equals("identifier") && !NodeTypes.MEMBERS.contains(receiver.type())) {
      return Optional.empty();
    }
    Optional<Object> key = args[0].literal();
    if (key.isEmpty()) {
      return Optional.empty();
    }
    String element = element(Calls.squeeze(flow.file().text(receiver)), key.get());
    switch (call.name()) {
      case "get" -> {
        return state.knows(element) ? Optional.of(state.get(element)) : Optional.empty();
      }
      case "put", "set" -> {
        if (args.length == 2) {
          state.set(element, args[1]);
        }
        return Optional.empty();
      }
      default -> {
        return Optional.empty();
      }
    }
  }

  /** After {@code x = {"a": v, ...}} or {@code x = {v0, v1}}: each constant-keyed element. */
  static void literal(Flow flow, Node listLeft, Node listRight, State state) {
    List<Node> lefts = Lists.items(listLeft);
    List<Node> rights = Lists.items(listRight);
    if (lefts.size() != 1 || rights.size() != 1) {
      return;
    }
    Node left = lefts.getFirst();
    Node right = rights.getFirst();
    if (!left.type().equals("identifier") || !CONTAINERS.contains(right.type())) {
      return;
    }
    String base = Calls.squeeze(flow.file().text(left));
    Node body = right.child("body").orElse(right); // Go: Type{...}
    List<Node> items = body.named();
    int position = 0;
    for (Node item : items) {
      if (item.type().contains("comment")) {
        continue;
      }
      switch (item.type()) {
        case "pair", "keyed_element" -> {
          Optional<Node> k = item.child("key").or(() -> item.named().stream().findFirst());
          Optional<Node> v =
              item.child("value")
                  .or(
                      () ->
                          item.named().size() == 2
                              ? Optional.of(item.named().get(1))
                              : Optional.empty());
          if (k.isPresent() && v.isPresent()) {
            Node keyNode = unwrap(k.get());
            Optional<Object> constant =
                keyNode.type().contains("identifier")
                    ? Optional.of(flow.file().text(keyNode))
                    : flow.visit(keyNode, state.copy()).literal();
            Value value = flow.visit(unwrap(v.get()), state.copy());
            constant.ifPresent(c -> state.set(element(base, c), value));
          }
        }
        case "shorthand_property_identifier" ->
            state.set(element(base, flow.file().text(item)), state.get(flow.file().text(item)));
        default -> {
          if (!right.type().equals("dictionary") && !right.type().equals("object")) {
            state.set(element(base, (long) position), flow.visit(unwrap(item), state.copy()));
          }
        }
      }
      position++;
    }
  }

  /** Go wraps keys and values in {@code literal_element}. */
  private static Node unwrap(Node node) {
    if (node.type().equals("literal_element") && node.named().size() == 1) {
      return node.named().getFirst();
    }
    return node;
  }
}
