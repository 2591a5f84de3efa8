package dev.oncell.plugins.security.code;

import java.util.Objects;
import java.util.Optional;

/**
 * What the data flow knows of a value: the labels of untrusted data it carries (one bit per sink
 * category, see {@link Rules}), where that data came from, and whether it is a constant (a literal,
 * or a fixed choice of literals), with its value when that is one known string, number or boolean.
 */
record Value(int labels, Optional<Origin> origin, boolean constant, Optional<Object> literal) {

  /** Where tainted data entered: the line and the text of the source. */
  record Origin(int line, String text) {}

  static final Value CLEAN = new Value(0, Optional.empty(), false, Optional.empty());
  static final Value UNKNOWN_CONSTANT = new Value(0, Optional.empty(), true, Optional.empty());

  static Value literal(Object value) {
    return new Value(0, Optional.empty(), true, Optional.of(value));
  }

  static Value tainted(int labels, int line, String text) {
    return labels == 0
        ? CLEAN
        : new Value(labels, Optional.of(new Origin(line, text)), false, Optional.empty());
  }

  boolean tainted() {
    return labels != 0;
  }

  boolean has(int label) {
    return (labels & label) != 0;
  }

  /** This value with {@code clears} removed; clean and not constant when nothing is left. */
  Value without(int clears) {
    int left = labels & ~clears;
    if (left == labels) {
      return this;
    }
    return left == 0 ? CLEAN : new Value(left, origin, false, Optional.empty());
  }

  /**
   * A value made of both (a concatenation, a call's inputs): tainted by either; constant only if
   * both are.
   */
  Value and(Value other) {
    if (other == this) {
      return this;
    }
    int labels = this.labels | other.labels;
    Optional<Origin> origin = this.origin.isPresent() ? this.origin : other.origin;
    boolean constant = this.constant && other.constant;
    return labels == 0 && !constant
        ? CLEAN
        : new Value(labels, origin, constant && labels == 0, Optional.empty());
  }

  /**
   * A value that is one or the other (the two branches of an if): tainted if either is, constant if
   * both are, with a literal only if they agree.
   */
  Value or(Value other) {
    if (other == this) {
      return this;
    }
    int labels = this.labels | other.labels;
    Optional<Origin> origin = this.origin.isPresent() ? this.origin : other.origin;
    boolean constant = this.constant && other.constant && labels == 0;
    Optional<Object> literal =
        constant && Objects.equals(this.literal, other.literal) ? literal() : Optional.empty();
    return new Value(labels, origin, constant, literal);
  }
}
