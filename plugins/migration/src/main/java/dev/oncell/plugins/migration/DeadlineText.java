package dev.oncell.plugins.migration;

/**
 * A file's text that a regex may only read until a deadline: every {@value #CHECK_EVERY} reads of a
 * character check the clock, and past the deadline the read throws {@link TooSlow}. The files are
 * the customer's, so a pattern that backtracks badly on a crafted file stops there instead of
 * holding a server thread; the caller skips the file and says so.
 */
final class DeadlineText implements CharSequence {

  static final int CHECK_EVERY = 4096;

  /** A regex ran past its deadline on this text. */
  static final class TooSlow extends RuntimeException {
    TooSlow() {
      super("the rewrite ran past its time limit", null, false, false);
    }
  }

  private final String text;
  private final long deadlineNanos;
  private int reads;

  DeadlineText(String text, long deadlineNanos) {
    this.text = text;
    this.deadlineNanos = deadlineNanos;
  }

  @Override
  public char charAt(int index) {
    if (++reads >= CHECK_EVERY) {
      reads = 0;
      if (System.nanoTime() - deadlineNanos > 0) {
        throw new TooSlow();
      }
    }
    return text.charAt(index);
  }

  @Override
  public int length() {
    return text.length();
  }

  @Override
  public CharSequence subSequence(int start, int end) {
    return new DeadlineText(text.substring(start, end), deadlineNanos);
  }

  @Override
  public String toString() {
    return text;
  }
}
