package dev.oncell.plugins.security.code;

import java.util.regex.Pattern;

/**
 * The time one file may take. Regular expressions run on text the customer controls, and a
 * catastrophic backtrack must not hold a server thread: every match goes through a {@link
 * CharSequence} that checks the clock as the matcher reads it, and the data flow checks it per
 * node.
 */
final class Deadline {

  /** The file ran out of time; the scan reports it skipped. */
  static final class Expired extends RuntimeException {
    Expired() {
      super("skipped: took longer than the per-file time budget", null, false, false);
    }
  }

  private final long deadlineNanos;
  private int ticks;

  private Deadline(long deadlineNanos) {
    this.deadlineNanos = deadlineNanos;
  }

  static Deadline in(long millis) {
    return new Deadline(System.nanoTime() + millis * 1_000_000L);
  }

  /** Throws {@link Expired} once the time is up; cheap enough to call per node. */
  void check() {
    if ((++ticks & 0x3FF) == 0 && System.nanoTime() > deadlineNanos) {
      throw new Expired();
    }
  }

  boolean matches(Pattern pattern, String text) {
    return pattern.matcher(new Watched(text, this)).matches();
  }

  boolean find(Pattern pattern, String text) {
    return pattern.matcher(new Watched(text, this)).find();
  }

  /** Text whose reads check the deadline. */
  private record Watched(CharSequence text, Deadline deadline) implements CharSequence {
    @Override
    public int length() {
      return text.length();
    }

    @Override
    public char charAt(int index) {
      deadline.check();
      return text.charAt(index);
    }

    @Override
    public CharSequence subSequence(int start, int end) {
      return new Watched(text.subSequence(start, end), deadline);
    }

    @Override
    public String toString() {
      return text.toString();
    }
  }
}
