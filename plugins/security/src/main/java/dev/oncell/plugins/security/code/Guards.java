package dev.oncell.plugins.security.code;

import java.util.List;

/**
 * What a condition proves inside the branch where it holds: {@code ALLOWED.contains(x)} or {@code
 * x.matches("[a-z]+")} (a guard of the rules) cleans {@code x}; {@code x == "a"} or {@code
 * "a".equals(x)} makes it that constant; {@code x in ALLOWED} cleans it in Python. Negations and
 * conjunctions are followed; anything else proves nothing.
 */
final class Guards {

  private Guards() {}

  static void refine(Flow flow, Node condition, State state, boolean holds) {
    switch (condition.type()) {
      case "parenthesized_expression", "expression_statement" -> {
        List<Node> inner = condition.named();
        if (inner.size() == 1) {
          refine(flow, inner.getFirst(), state, holds);
        }
      }
      case "unary_expression", "not_operator" -> {
        if (condition.hasToken("!") || condition.hasToken("not")) {
          condition
              .child("argument")
              .or(() -> condition.child("operand"))
              .ifPresent(a -> refine(flow, a, state, !holds));
        }
      }
      case "binary_expression", "boolean_operator", "comparison_operator" ->
          binary(flow, condition, state, holds);
      default -> {
        if (Calls.TYPES.contains(condition.type()) && holds) {
          Call call = Calls.of(condition, flow.file());
          int clears = flow.sinks().guardClears(call);
          if (clears != 0) {
            call.receiver().ifPresent(r -> clean(flow, r, state, clears));
            for (Call.Arg arg : call.args()) {
              clean(flow, arg.value(), state, clears);
            }
          }
        }
      }
    }
  }

  private static void binary(Flow flow, Node node, State state, boolean holds) {
    List<Node> operands = node.named();
    if (operands.size() != 2) {
      return;
    }
    String op = operator(flow, node);
    Node left = operands.get(0);
    Node right = operands.get(1);
    switch (op) {
      case "&&", "and" -> {
        if (holds) {
          refine(flow, left, state, true);
          refine(flow, right, state, true);
        } else {
          either(flow, left, right, state, false); // !(a && b): !a or !b
        }
      }
      case "||", "or" -> {
        if (!holds) {
          refine(flow, left, state, false);
          refine(flow, right, state, false);
        } else {
          either(flow, left, right, state, true);
        }
      }
      case "==", "===", "is" -> {
        if (holds) {
          pin(flow, left, right, state);
          pin(flow, right, left, state);
        }
      }
      case "!=", "!==", "is not" -> {
        if (!holds) {
          pin(flow, left, right, state);
          pin(flow, right, left, state);
        }
      }
      case "in" -> {
        if (holds) {
          clean(flow, left, state, ~0);
        }
      }
      case "not in" -> {
        if (!holds) {
          clean(flow, left, state, ~0);
        }
      }
      default -> {}
    }
  }

  /** One of two facts holds: what both branches agree on (x is "a" or "b": a constant). */
  private static void either(Flow flow, Node left, Node right, State state, boolean holds) {
    State a = state.copy();
    refine(flow, left, a, holds);
    State b = state.copy();
    refine(flow, right, b, holds);
    state.become(State.join(a, b));
  }

  private static String operator(Flow flow, Node node) {
    return node.child("operator")
        .or(() -> node.child("operators"))
        .map(o -> flow.file().text(o).strip().replaceAll("\\s+", " "))
        .orElseGet(
            () -> {
              StringBuilder sb = new StringBuilder();
              for (Node child : node.children()) {
                if (!child.isNamed()) {
                  sb.append(sb.isEmpty() ? "" : " ").append(child.type());
                }
              }
              return sb.toString();
            });
  }

  /** {@code variable == literal}: in that branch the variable is that constant. */
  private static void pin(Flow flow, Node variable, Node literal, State state) {
    if (!isVariable(variable)) {
      return;
    }
    Value value = flow.visit(literal, state.copy());
    if (value.constant()) {
      state.set(Calls.squeeze(flow.file().text(variable)), value);
    }
  }

  private static void clean(Flow flow, Node node, State state, int clears) {
    if (!isVariable(node)) {
      return;
    }
    String key = Calls.squeeze(flow.file().text(node));
    Value now = state.get(key);
    if (now.tainted()) {
      state.set(key, now.without(clears));
    }
  }

  private static boolean isVariable(Node node) {
    return node.type().equals("identifier") || NodeTypes.MEMBERS.contains(node.type());
  }
}
