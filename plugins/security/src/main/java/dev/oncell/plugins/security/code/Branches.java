package dev.oncell.plugins.security.code;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Branches and loops: the state forks at a condition and joins after it. A condition that folds to
 * a constant takes one side only (a dead branch adds nothing); a guard that holds in a branch (an
 * allow-list check, an equality with a literal) cleans the checked variable there; a branch that
 * returns or throws does not flow on.
 */
final class Branches {

  private Branches() {}

  static void ifStatement(Flow flow, Node node, State state) {
    node.child("initializer").ifPresent(init -> flow.visit(init, state));
    Node condition = node.child("condition").orElse(null);
    if (condition == null) {
      flow.visitChildren(node, state);
      return;
    }
    Value decided = flow.visit(condition, state);
    List<Node> alternatives = node.all("alternative");
    Optional<Node> consequence = node.child("consequence");
    Object literal = decided.literal().orElse(null);
    State yes = state.copy();
    State no = state.copy();
    if (Boolean.FALSE.equals(literal)) {
      yes.unreachable();
    } else {
      Guards.refine(flow, condition, yes, true);
      consequence.ifPresent(c -> flow.visit(c, yes));
    }
    if (Boolean.TRUE.equals(literal)) {
      no.unreachable();
    } else {
      Guards.refine(flow, condition, no, false);
      elseChain(flow, alternatives, 0, no);
    }
    state.become(State.join(yes, no));
  }

  /** Python's {@code elif} clauses and {@code else}, one after the other. */
  private static void elseChain(Flow flow, List<Node> alternatives, int i, State state) {
    if (i >= alternatives.size()) {
      return;
    }
    Node alternative = alternatives.get(i);
    if (alternative.type().equals("elif_clause")) {
      Node condition = alternative.child("condition").orElse(alternative);
      Value decided = flow.visit(condition, state);
      Object literal = decided.literal().orElse(null);
      State yes = state.copy();
      State no = state.copy();
      if (Boolean.FALSE.equals(literal)) {
        yes.unreachable();
      } else {
        Guards.refine(flow, condition, yes, true);
        alternative.child("consequence").ifPresent(c -> flow.visit(c, yes));
      }
      if (Boolean.TRUE.equals(literal)) {
        no.unreachable();
      } else {
        Guards.refine(flow, condition, no, false);
        elseChain(flow, alternatives, i + 1, no);
      }
      state.become(State.join(yes, no));
      return;
    }
    flow.visit(alternative, state);
    elseChain(flow, alternatives, i + 1, state);
  }

  static Value ternary(Flow flow, Node node, State state) {
    Node condition;
    Node yes;
    Node no;
    if (node.type().equals("conditional_expression")) { // Python: a if c else b
      List<Node> parts = node.named();
      if (parts.size() != 3) {
        return flow.visitChildren(node, state);
      }
      yes = parts.get(0);
      condition = parts.get(1);
      no = parts.get(2);
    } else {
      Optional<Node> c = node.child("condition");
      Optional<Node> a = node.child("consequence");
      Optional<Node> b = node.child("alternative");
      if (c.isEmpty() || a.isEmpty() || b.isEmpty()) {
        return flow.visitChildren(node, state);
      }
      condition = c.get();
      yes = a.get();
      no = b.get();
    }
    Object literal = flow.visit(condition, state).literal().orElse(null);
    if (Boolean.TRUE.equals(literal)) {
      return flow.visit(yes, state);
    }
    if (Boolean.FALSE.equals(literal)) {
      return flow.visit(no, state);
    }
    State sy = state.copy();
    Guards.refine(flow, condition, sy, true);
    Value a = flow.visit(yes, sy);
    State sn = state.copy();
    Guards.refine(flow, condition, sn, false);
    Value b = flow.visit(no, sn);
    return a.or(b);
  }

  static void switchStatement(Flow flow, Node node, State state) {
    node.child("initializer").ifPresent(init -> flow.visit(init, state));
    Optional<Node> subject =
        node.child("condition").or(() -> node.child("value")).or(() -> node.child("subject"));
    Value value = subject.map(s -> flow.visit(s, state)).orElse(Value.CLEAN);
    Node holder = node.child("body").orElse(node);
    List<Node> cases = new ArrayList<>();
    for (Node child : holder.named()) {
      if (child.type().contains("case")
          || child.type().contains("default")
          || child.type().equals("switch_block_statement_group")
          || child.type().equals("switch_rule")) {
        cases.add(child);
      }
    }
    Optional<Object> known = value.literal();
    Node taken = null;
    Node fallback = null;
    boolean hasDefault = false;
    for (Node c : cases) {
      boolean isDefault = isDefault(flow, c);
      hasDefault |= isDefault;
      if (isDefault) {
        fallback = c;
      } else if (known.isPresent() && known.equals(label(flow, c, state))) {
        taken = c;
      }
    }
    if (known.isPresent() && (taken != null || fallback != null || !cases.isEmpty())) {
      Node only = taken != null ? taken : fallback;
      if (only != null) {
        flow.visit(only, state);
      }
      return;
    }
    State joined = null;
    for (Node c : cases) {
      State branch = state.copy();
      flow.visit(c, branch);
      joined = joined == null ? branch : State.join(joined, branch);
    }
    if (joined == null) {
      return;
    }
    state.become(hasDefault ? joined : State.join(joined, state));
  }

  private static boolean isDefault(Flow flow, Node c) {
    if (c.type().contains("default")) {
      return true;
    }
    for (Node child : c.children()) {
      if (child.type().equals("switch_label") && child.hasToken("default")) {
        return true;
      }
    }
    String text = flow.file().text(c).stripLeading();
    return c.type().equals("case_clause") && text.startsWith("case _");
  }

  /** The literal a case compares with, if it is one literal. */
  private static Optional<Object> label(Flow flow, Node c, State state) {
    Node label =
        c.child("value")
            .or(() -> c.first("switch_label").flatMap(l -> l.named().stream().findFirst()))
            .or(() -> c.first("case_pattern"))
            .orElse(null);
    if (label == null) {
      return Optional.empty();
    }
    List<Node> items = Lists.items(label);
    if (items.size() != 1) {
      return Optional.empty();
    }
    return flow.visit(items.getFirst(), state.copy()).literal();
  }

  static void loop(Flow flow, Node node, State state) {
    Optional<Node> body = node.child("body");
    for (Node child : node.named()) {
      if (body.isPresent() && child == body.get()) {
        continue;
      }
      switch (child.type()) {
        case "range_clause" ->
            child
                .child("left")
                .ifPresent(l -> child.child("right").ifPresent(r -> iterate(flow, l, r, state)));
        default -> {
          if (child.field().equals("left")
              || child.field().equals("name")
              || child.field().equals("right")
              || child.field().equals("value")) {
            continue; // bound below, from the iterated value
          }
          if (child.field().equals("alternative")) {
            continue; // Python's for ... else: after the body
          }
          flow.visit(child, state);
        }
      }
    }
    Optional<Node> left = node.child("left").or(() -> node.child("name"));
    Optional<Node> right = node.child("right").or(() -> node.child("value"));
    if (left.isPresent() && right.isPresent()) {
      iterate(flow, left.get(), right.get(), state);
    }
    if (body.isPresent()) {
      // A second pass carries what one iteration leaves to the next (bar = prev; prev = param).
      // Only for loops nested at most twice, so the work stays within four visits per node.
      int passes = flow.loopDepth() < 2 ? 2 : 1;
      flow.enterLoop();
      try {
        for (int pass = 0; pass < passes; pass++) {
          State inside = state.copy();
          flow.visit(body.get(), inside);
          state.become(State.join(state, inside));
        }
      } finally {
        flow.leaveLoop();
      }
    }
    node.child("alternative").ifPresent(a -> flow.visit(a, state));
  }

  /** {@code for x in xs}: each item is as tainted as the collection. */
  private static void iterate(Flow flow, Node left, Node right, State state) {
    Value items = flow.visit(right, state);
    flow.assign(left, items.tainted() ? items : Value.CLEAN, state);
  }
}
