package dev.oncell.search.internal.grep;

import dev.oncell.search.Budget;

/**
 * A text that {@link java.util.regex} reads char by char, checking a {@link Budget} every few
 * thousand reads: the one way to stop a backtracking match (which never looks at interrupts) once
 * its request has run out of time or was cancelled. The budget's exception leaves the matcher.
 */
final class BudgetedText implements CharSequence {

  /** Reads between two checks: a check costs a clock read, a read about a nanosecond. */
  static final int CHECK_EVERY = 1 << 14;

  private final String text;
  private final Budget budget;
  private int reads;

  private BudgetedText(String text, Budget budget) {
    this.text = text;
    this.budget = budget;
  }

  /** {@code text} itself when nothing is to be checked. */
  static CharSequence of(String text, Budget budget) {
    return budget == Budget.unlimited() ? text : new BudgetedText(text, budget);
  }

  @Override
  public char charAt(int index) {
    if (++reads >= CHECK_EVERY) {
      reads = 0;
      budget.check();
    }
    return text.charAt(index);
  }

  @Override
  public int length() {
    return text.length();
  }

  @Override
  public CharSequence subSequence(int start, int end) {
    return text.substring(start, end);
  }

  @Override
  public String toString() {
    return text;
  }
}
