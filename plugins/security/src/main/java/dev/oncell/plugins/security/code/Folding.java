package dev.oncell.plugins.security.code;

import java.util.Optional;
import java.util.Set;

/**
 * Constant folding: what makes {@code if ((7 * 42) - num > 200)} a dead branch and {@code
 * "ABC".charAt(1)} the constant {@code "B"}. Only integers, strings and booleans; anything else is
 * a constant of unknown value, or not a constant.
 */
final class Folding {

  private static final Set<String> COMPARISONS =
      Set.of(
          "==",
          "!=",
          "===",
          "!==",
          "<",
          ">",
          "<=",
          ">=",
          "in",
          "not in",
          "is",
          "is not",
          "instanceof",
          "&&",
          "||",
          "and",
          "or");

  private static final Set<String> LOGICAL = Set.of("&&", "||", "and", "or");

  private Folding() {}

  static boolean isComparison(String op) {
    return COMPARISONS.contains(op.strip());
  }

  static Value binary(String rawOp, Value left, Value right) {
    String op = rawOp.strip().replaceAll("\\s+", " ");
    if (isComparison(op)) {
      Optional<Object> folded = compare(op, left, right);
      if (folded.isPresent()) {
        return Value.literal(folded.get());
      }
      if (LOGICAL.contains(op)) {
        // JavaScript's and Python's a || b, a or b, a and b are one of the operands, not a boolean.
        return left.or(right);
      }
      return left.constant() && right.constant() ? Value.UNKNOWN_CONSTANT : Value.CLEAN;
    }
    if (op.equals("??")) {
      return left.or(right);
    }
    Value joined = left.and(right);
    if (!joined.constant()) {
      return joined;
    }
    Object l = left.literal().orElse(null);
    Object r = right.literal().orElse(null);
    if (l instanceof Long a && r instanceof Long b) {
      Long result =
          switch (op) {
            case "+" -> a + b;
            case "-" -> a - b;
            case "*" -> a * b;
            case "/", "//" -> b == 0 ? null : a / b;
            case "%" -> b == 0 ? null : a % b;
            default -> null;
          };
      return result == null ? Value.UNKNOWN_CONSTANT : Value.literal(result);
    }
    if (op.equals("+") && (l instanceof String || r instanceof String) && l != null && r != null) {
      String s = String.valueOf(l) + r;
      return s.length() > 4096 ? Value.UNKNOWN_CONSTANT : Value.literal(s);
    }
    return Value.UNKNOWN_CONSTANT;
  }

  private static Optional<Object> compare(String op, Value left, Value right) {
    Object l = left.literal().orElse(null);
    Object r = right.literal().orElse(null);
    if (l == null || r == null) {
      return Optional.empty();
    }
    if (l instanceof Boolean a && r instanceof Boolean b) {
      return switch (op) {
        case "&&", "and" -> Optional.of(a && b);
        case "||", "or" -> Optional.of(a || b);
        case "==", "===" -> Optional.of(a.equals(b));
        case "!=", "!==" -> Optional.of(!a.equals(b));
        default -> Optional.empty();
      };
    }
    if (l instanceof Long a && r instanceof Long b) {
      return switch (op) {
        case "==", "===" -> Optional.of(a.equals(b));
        case "!=", "!==" -> Optional.of(!a.equals(b));
        case "<" -> Optional.of(a < b);
        case ">" -> Optional.of(a > b);
        case "<=" -> Optional.of(a <= b);
        case ">=" -> Optional.of(a >= b);
        default -> Optional.empty();
      };
    }
    if (l instanceof String a && r instanceof String b) {
      return switch (op) {
        case "==", "===" -> Optional.of(a.equals(b));
        case "!=", "!==" -> Optional.of(!a.equals(b));
        default -> Optional.empty();
      };
    }
    return Optional.empty();
  }

  /** {@code "ABC".charAt(1)}, {@code "x".toUpperCase()}, ... on a constant string. */
  static Optional<Value> stringMethod(String name, Value receiver, Value[] args) {
    if (!(receiver.literal().orElse(null) instanceof String s)) {
      return Optional.empty();
    }
    for (Value arg : args) {
      if (!arg.constant()) {
        return Optional.empty();
      }
    }
    try {
      return switch (name) {
        case "charAt" ->
            args.length == 1 && args[0].literal().orElse(null) instanceof Long i
                ? Optional.of(Value.literal(String.valueOf(s.charAt(Math.toIntExact(i)))))
                : Optional.of(Value.UNKNOWN_CONSTANT);
        case "toUpperCase", "upper", "toLowerCase", "lower", "trim", "strip" ->
            Optional.of(
                Value.literal(
                    name.startsWith("toUpper") || name.equals("upper")
                        ? s.toUpperCase(java.util.Locale.ROOT)
                        : name.startsWith("toLower") || name.equals("lower")
                            ? s.toLowerCase(java.util.Locale.ROOT)
                            : s.strip()));
        default -> Optional.of(Value.UNKNOWN_CONSTANT);
      };
    } catch (RuntimeException e) {
      return Optional.of(Value.UNKNOWN_CONSTANT);
    }
  }
}
