package dev.oncell.search;

import java.time.Duration;
import java.util.Objects;

/**
 * How long one search or grep may run, and a switch to stop it sooner. The work checks it
 * cooperatively (between files, every few thousand chars a regex reads, while an automaton is
 * built) and stops with a {@link SearchException} coded {@code search_timeout} once the deadline
 * has passed, or {@code cancelled} once {@link #cancel()} was called (a host closing, a client
 * gone). Thread-safe: one budget is shared by all the threads working on one request.
 */
public final class Budget {

  private static final Budget UNLIMITED = new Budget(Long.MAX_VALUE, Duration.ZERO);

  private final long deadlineNanos;
  private final Duration timeout;
  private volatile boolean cancelled;

  private Budget(long deadlineNanos, Duration timeout) {
    this.deadlineNanos = deadlineNanos;
    this.timeout = timeout;
  }

  /** No deadline; never cancelled. */
  public static Budget unlimited() {
    return UNLIMITED;
  }

  /** No deadline, but {@link #cancel()} stops the work. */
  public static Budget cancellable() {
    return new Budget(Long.MAX_VALUE, Duration.ZERO);
  }

  /** A budget that runs out {@code timeout} from now. */
  public static Budget of(Duration timeout) {
    Objects.requireNonNull(timeout, "timeout");
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("timeout must be positive: " + timeout);
    }
    long now = System.nanoTime();
    long nanos = timeout.toNanos();
    long deadline = now + nanos < now ? Long.MAX_VALUE : now + nanos;
    return new Budget(deadline, timeout);
  }

  /** Stops the work at its next check. The unlimited budget cannot be cancelled. */
  public void cancel() {
    if (this != UNLIMITED) {
      cancelled = true;
    }
  }

  /** Whether the work should stop: cancelled, or past its deadline. */
  public boolean exhausted() {
    return cancelled || (deadlineNanos != Long.MAX_VALUE && System.nanoTime() - deadlineNanos > 0);
  }

  /** Time left before the deadline (zero once passed; very long when unlimited). */
  public Duration remaining() {
    if (deadlineNanos == Long.MAX_VALUE) {
      return Duration.ofNanos(Long.MAX_VALUE);
    }
    return Duration.ofNanos(Math.max(0, deadlineNanos - System.nanoTime()));
  }

  /**
   * Throws when the work should stop.
   *
   * @throws SearchException {@code cancelled} or {@code search_timeout}, not invalid
   */
  public void check() {
    if (cancelled) {
      throw SearchException.cancelled("the search was cancelled");
    }
    if (deadlineNanos != Long.MAX_VALUE && System.nanoTime() - deadlineNanos > 0) {
      throw SearchException.timeout(
          "the search took longer than its budget of "
              + timeout.toMillis()
              + " ms and was stopped; narrow it with a glob, a more specific regex or query");
    }
  }
}
