package dev.oncell.agent;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * How a {@link Context#step} behaves beyond "run once, record the result".
 *
 * @param sideEffectKey marks a step with an effect outside the cell (a payment, a push); the key
 *     goes to the outside system so that it can deduplicate. Such a step is recorded as started
 *     before it runs; if the host dies before it is recorded done, a replay runs {@code reconcile}
 *     instead of repeating it blindly, and without one fails the run as needing attention.
 * @param reconcile answers "did it already happen?": the step's result if so, empty if it is safe
 *     to run it again
 * @param maxAttempts how many times the step body may run before its failure is final
 * @param backoff the pause before the second attempt, doubled for each one after
 */
public record StepOptions(
    Optional<String> sideEffectKey,
    Optional<Supplier<Optional<?>>> reconcile,
    int maxAttempts,
    Duration backoff) {

  public StepOptions {
    Objects.requireNonNull(sideEffectKey, "sideEffectKey");
    Objects.requireNonNull(reconcile, "reconcile");
    Objects.requireNonNull(backoff, "backoff");
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts must be at least 1");
    }
  }

  public static StepOptions defaults() {
    return new StepOptions(Optional.empty(), Optional.empty(), 1, Duration.ZERO);
  }

  public StepOptions sideEffect(String key) {
    return new StepOptions(Optional.of(key), reconcile, maxAttempts, backoff);
  }

  public StepOptions reconcile(Supplier<Optional<?>> check) {
    return new StepOptions(sideEffectKey, Optional.of(check), maxAttempts, backoff);
  }

  public StepOptions retry(int attempts, Duration firstBackoff) {
    return new StepOptions(sideEffectKey, reconcile, attempts, firstBackoff);
  }

  public boolean isSideEffect() {
    return sideEffectKey.isPresent();
  }
}
