package dev.oncell.runtime.internal.run;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.oncell.agent.StepOptions;
import dev.oncell.runtime.internal.journal.JournalEntry;
import dev.oncell.runtime.internal.journal.StepFailures;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * The one choke point every Context call of a run passes through, and where the journal's rules are
 * enforced: it numbers the step, refuses calls once the run was cancelled, returns the journaled
 * result of a step done before a restart (and throws a recorded failure again), refuses a call that
 * differs from the recorded one ({@code non_determinism}), never repeats a side effect whose
 * outcome is unknown without its reconcile check ({@code needs_attention}), retries as the step's
 * options say, and journals each new step before returning. See {@code internal.journal}'s package
 * documentation for the rules.
 */
final class ChokePoint {

  /** Thrown into the agent's code when the run was cancelled or timed out. */
  static final class RunCancelledException extends RuntimeException {
    RunCancelledException(String message) {
      super(message);
    }
  }

  private final String runId;
  private final RunJournal journal;
  private final ObjectMapper mapper;
  private final boolean replayOnly;
  private final AtomicLong sequence = new AtomicLong();
  private final AtomicInteger sideEffectDepth = new AtomicInteger();
  private volatile Optional<String> cancelled = Optional.empty();

  /**
   * With {@code replayOnly}, nothing is executed: calls are checked against the recorded journal
   * and stop with {@link StepFailures.ReplayEndedException} where the journal ends.
   */
  ChokePoint(String runId, RunJournal journal, ObjectMapper mapper, boolean replayOnly) {
    this.runId = runId;
    this.journal = journal;
    this.mapper = mapper;
    this.replayOnly = replayOnly;
  }

  void cancel(String reason) {
    cancelled = Optional.of(reason);
  }

  boolean isCancelled() {
    return cancelled.isPresent();
  }

  long steps() {
    return sequence.get();
  }

  JavaType type(Class<?> raw) {
    return journal.type(raw);
  }

  <T> T call(String kind, String name, Object request, Class<T> type, Supplier<T> body) {
    return call(kind, name, request, journal.type(type), StepOptions.defaults(), body);
  }

  <T> T call(String kind, String name, Object request, TypeReference<T> type, Supplier<T> body) {
    return call(kind, name, request, journal.type(type), StepOptions.defaults(), body);
  }

  void callVoid(String kind, String name, Object request, Runnable body) {
    call(
        kind,
        name,
        request,
        Void.class,
        () -> {
          body.run();
          return null;
        });
  }

  /** The choke point: every Context call of the run passes here, numbered in order. */
  <T> T call(
      String kind,
      String name,
      Object request,
      JavaType type,
      StepOptions options,
      Supplier<T> body) {
    if (sideEffectDepth.get() > 0) {
      throw new IllegalStateException(
          "a side-effect step's body cannot make Context calls ("
              + kind
              + " '"
              + name
              + "'): a replay could not tell which of them happened");
    }
    long seq = sequence.incrementAndGet();
    checkNotCancelled(kind, name);
    Optional<JournalEntry> recorded = journal.recorded(seq);
    // A recorded step is compared with a hash computed its way; a new one is hashed canonically.
    RunJournal.Hash hash =
        journal.hash(
            kind,
            name,
            request,
            recorded.map(JournalEntry::hashVersion).orElse(JournalEntry.HASH_CANONICAL));
    if (replayOnly
        && (recorded.isEmpty() || recorded.get().status() == JournalEntry.Status.STARTED)) {
      throw new StepFailures.ReplayEndedException(seq);
    }
    if (recorded.isPresent()) {
      JournalEntry entry = recorded.get();
      if (!entry.kind().equals(kind)
          || !entry.name().equals(name)
          || !entry.requestHash().equals(hash.value())) {
        throw new StepFailures.NonDeterminismException(
            "step "
                + seq
                + ": the journal recorded "
                + entry.describe()
                + " but the agent now calls "
                + kind
                + " '"
                + name
                + "'"
                + (entry.kind().equals(kind) && entry.name().equals(name)
                    ? " with a different request"
                    : "")
                + "; agent code must make the same calls in the same order on replay");
      }
      switch (entry.status()) {
        case DONE -> {
          skipTo(entry.endSeq());
          return journal.decode(entry, type);
        }
        case FAILED -> {
          if (options.maxAttempts() == 1) {
            skipTo(entry.endSeq());
            throw new StepFailures.RecordedFailureException(
                entry.errorCode().orElse("agent_error"), entry.errorMessage().orElse(""));
          }
          // A retryable step's failure is tried again on replay.
        }
        case STARTED -> {
          Optional<T> reconciled = reconcile(seq, entry, type, options);
          if (reconciled.isPresent()) {
            journal.done(seq, seq, kind, name, hash, reconciled.get());
            return reconciled.get();
          }
          // The check says it did not happen: safe to run it now.
        }
      }
    }
    if (options.isSideEffect()) {
      journal.started(seq, kind, name, hash);
      sideEffectDepth.incrementAndGet();
      try {
        return execute(seq, kind, name, hash, options, body);
      } finally {
        sideEffectDepth.decrementAndGet();
      }
    }
    return execute(seq, kind, name, hash, options, body);
  }

  /** After a replayed step, numbering continues after the steps its body made. */
  private void skipTo(long endSeq) {
    sequence.accumulateAndGet(endSeq, Math::max);
  }

  @SuppressWarnings("unchecked")
  private <T> Optional<T> reconcile(
      long seq, JournalEntry entry, JavaType type, StepOptions options) {
    if (options.reconcile().isEmpty()) {
      throw new StepFailures.NeedsAttentionException(
          "step "
              + seq
              + " ("
              + entry.describe()
              + ") has an outside effect that started but was never recorded as done, and it has"
              + " no reconcile check: it may or may not have happened, so it is not repeated");
    }
    Optional<?> found = options.reconcile().get().get();
    return found.map(value -> (T) mapper.convertValue(value, type));
  }

  private <T> T execute(
      long seq,
      String kind,
      String name,
      RunJournal.Hash hash,
      StepOptions options,
      Supplier<T> body) {
    long backoff = options.backoff().toMillis();
    for (int attempt = 1; ; attempt++) {
      try {
        T value = body.get();
        journal.done(seq, sequence.get(), kind, name, hash, value);
        return value;
      } catch (RuntimeException e) {
        if (isCancelled() || Thread.currentThread().isInterrupted()) {
          throw e; // cut short, not failed: a replay runs the step again
        }
        if (attempt < options.maxAttempts()) {
          sleep(backoff);
          backoff *= 2;
          continue;
        }
        journal.failed(
            seq, sequence.get(), kind, name, hash, StepFailures.code(e), StepFailures.message(e));
        throw e;
      }
    }
  }

  private void checkNotCancelled(String kind, String name) {
    if (cancelled.isPresent()) {
      throw new RunCancelledException(
          "run " + runId + " " + cancelled.get() + "; " + kind + " '" + name + "' not started");
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RunCancelledException("interrupted while waiting to retry");
    }
  }
}
