package dev.oncell.plugins.security.code;

import java.util.List;
import java.util.Optional;

/**
 * Assignments and declarations of the four grammars: {@code x = e}, {@code x += e}, {@code a, b =
 * e, f}, {@code x, err := f()}, {@code const {id} = req.query}; the value goes to the variable (a
 * strong update: an overwritten variable forgets its taint), and assignment sinks are asked.
 */
final class Assignments {

  private final Flow flow;

  Assignments(Flow flow) {
    this.flow = flow;
  }

  Value assignment(Node node, State state) {
    Optional<Node> left = node.child("left");
    Optional<Node> right = node.child("right");
    if (left.isEmpty()) {
      return flow.visitChildren(node, state);
    }
    if (right.isEmpty()) {
      return Value.CLEAN; // a Python annotation without a value
    }
    boolean augmented =
        node.type().startsWith("augmented")
            || node.child("operator")
                .map(o -> !flow.file().text(o).equals("=") && !flow.file().text(o).equals(":="))
                .orElse(false);
    bind(left.get(), right.get(), state, augmented);
    return state.get(Calls.squeeze(flow.file().text(left.get())));
  }

  void declaration(Node node, State state) {
    if (node.type().equals("resource")) { // try (InputStream in = ...)
      Optional<Node> name = node.child("name");
      Optional<Node> value = node.child("value");
      if (name.isPresent() && value.isPresent()) {
        bind(name.get(), value.get(), state, false);
      } else {
        flow.visitChildren(node, state);
      }
      return;
    }
    if (node.type().equals("short_var_declaration")) {
      node.child("left")
          .ifPresent(l -> node.child("right").ifPresent(r -> bind(l, r, state, false)));
      return;
    }
    for (Node child : node.named()) {
      if (child.type().equals("variable_declarator")
          || child.type().equals("var_spec")
          || child.type().equals("const_spec")) {
        Optional<Node> value = child.child("value");
        List<Node> names = child.all("name");
        if (value.isEmpty()) {
          for (Node name : names) {
            state.set(Calls.squeeze(flow.file().text(name)), Value.CLEAN);
          }
        } else if (names.size() == 1) {
          bind(names.getFirst(), value.get(), state, false);
        } else {
          Value v = flow.visit(value.get(), state);
          for (Node name : names) {
            assign(name, v, state);
          }
        }
      } else {
        flow.visit(child, state);
      }
    }
  }

  /** {@code left = right}, pairwise for {@code a, b = x, y}. */
  void bind(Node left, Node right, State state, boolean augmented) {
    List<Node> targets = Lists.items(left);
    List<Node> values = Lists.items(right);
    if (targets.size() > 1 && targets.size() == values.size()) {
      Value[] computed = new Value[values.size()];
      for (int i = 0; i < computed.length; i++) {
        computed[i] = flow.visit(values.get(i), state);
      }
      for (int i = 0; i < computed.length; i++) {
        assign(targets.get(i), computed[i], state);
      }
      return;
    }
    Value value = flow.visit(right, state);
    if (augmented) {
      value = state.get(Calls.squeeze(flow.file().text(left))).and(value);
    }
    if (targets.size() > 1) {
      for (Node target : targets) {
        assign(target, value, state);
      }
    } else {
      assign(left, value, state);
      Elements.literal(flow, left, right, state);
    }
  }

  /** Stores {@code value} in the variable, field or element {@code target} names. */
  void assign(Node target, Value value, State state) {
    if (Lists.isList(target)) {
      for (Node item : Lists.items(target)) {
        assign(item, value, state);
      }
      return;
    }
    String key = Calls.squeeze(flow.file().text(target));
    if (NodeTypes.SUBSCRIPTS.contains(target.type()) || NodeTypes.MEMBERS.contains(target.type())) {
      // visit the object and index for their own calls, not for the value
      for (Node child : target.named()) {
        if (!child.type().equals("identifier") && !child.type().contains("property")) {
          flow.visit(child, state);
        }
      }
    }
    state.set(key, value);
    Elements.key(flow, target, state).ifPresent(element -> state.set(element, value));
    flow.sinks().assigned(target, key, value);
  }
}
