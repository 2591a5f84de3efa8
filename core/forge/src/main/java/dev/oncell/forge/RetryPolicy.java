package dev.oncell.forge;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * How a forge retries answers that may succeed later (5xx, 429, a rate-limit 403, a dropped
 * connection or a timeout): at most {@code maxAttempts} tries in all, waiting {@code
 * initialBackoff} doubled each time up to {@code maxBackoff}, or what the forge's {@code
 * Retry-After} (or GitHub's {@code x-ratelimit-reset}) asks. A forge asking for longer than {@code
 * maxWait} fails at once with {@code forge_rate_limited}.
 *
 * @param sleeper waits between tries; tests pass one that records instead of sleeping
 * @param clock reads the time for {@code Retry-After} dates and rate-limit resets
 */
public record RetryPolicy(
    int maxAttempts,
    Duration initialBackoff,
    Duration maxBackoff,
    Duration maxWait,
    Sleeper sleeper,
    Clock clock) {

  /** Waits; {@link Thread#sleep(Duration)} in production. */
  @FunctionalInterface
  public interface Sleeper {
    void sleep(Duration duration) throws InterruptedException;
  }

  public RetryPolicy {
    Objects.requireNonNull(initialBackoff, "initialBackoff");
    Objects.requireNonNull(maxBackoff, "maxBackoff");
    Objects.requireNonNull(maxWait, "maxWait");
    Objects.requireNonNull(sleeper, "sleeper");
    Objects.requireNonNull(clock, "clock");
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts must be at least 1");
    }
  }

  /** Four tries, from 1 s doubling to 30 s, waiting at most 60 s for a {@code Retry-After}. */
  public static RetryPolicy defaults() {
    return new RetryPolicy(
        4,
        Duration.ofSeconds(1),
        Duration.ofSeconds(30),
        Duration.ofSeconds(60),
        Thread::sleep,
        Clock.systemUTC());
  }

  public RetryPolicy withSleeper(Sleeper sleeper) {
    return new RetryPolicy(maxAttempts, initialBackoff, maxBackoff, maxWait, sleeper, clock);
  }

  public RetryPolicy withMaxAttempts(int attempts) {
    return new RetryPolicy(attempts, initialBackoff, maxBackoff, maxWait, sleeper, clock);
  }

  public RetryPolicy withClock(Clock clock) {
    return new RetryPolicy(maxAttempts, initialBackoff, maxBackoff, maxWait, sleeper, clock);
  }

  /** The wait before try {@code attempt + 1} after try {@code attempt} (from 1) failed. */
  public Duration backoff(int attempt) {
    Duration d = initialBackoff;
    for (int i = 1; i < attempt && d.compareTo(maxBackoff) < 0; i++) {
      d = d.multipliedBy(2);
    }
    return d.compareTo(maxBackoff) > 0 ? maxBackoff : d;
  }
}
