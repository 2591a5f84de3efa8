package dev.oncell.agent.tools.secrets;

/**
 * Text whose reading stops at a deadline: a regular expression matched against it throws {@link
 * RegexTimeout} once the deadline passes, so a catastrophic pattern (from an operator's rule file)
 * on a hostile file costs a bounded time instead of a server thread. The clock is read every 4096
 * characters, which keeps the check cheap.
 */
final class TimedText implements CharSequence {

  /** A match ran past its time budget. */
  static final class RegexTimeout extends RuntimeException {
    RegexTimeout() {
      super("regular expression ran past its time budget", null, false, false);
    }
  }

  private final CharSequence text;
  private final long deadlineNanos;
  private int reads;

  TimedText(CharSequence text, long deadlineNanos) {
    this.text = text;
    this.deadlineNanos = deadlineNanos;
  }

  @Override
  public char charAt(int index) {
    if ((++reads & 0xFFF) == 0 && System.nanoTime() - deadlineNanos > 0) {
      throw new RegexTimeout();
    }
    return text.charAt(index);
  }

  @Override
  public int length() {
    return text.length();
  }

  @Override
  public CharSequence subSequence(int start, int end) {
    return new TimedText(text.subSequence(start, end), deadlineNanos);
  }

  @Override
  public String toString() {
    return text.toString();
  }
}
