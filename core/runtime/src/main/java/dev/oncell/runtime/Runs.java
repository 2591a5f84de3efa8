package dev.oncell.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Runs of agent methods. One run at a time per cell: a second start while one is running is refused
 * with {@code run_in_progress} (CONFLICT).
 */
public interface Runs {

  /**
   * Starts {@code method} in {@code customer}'s cell and returns at once with the run RUNNING. With
   * an idempotency key already used for this customer, returns that run instead (running or
   * finished), also to calls made at the same time: one key, one run. A JSON {@code null} input is
   * no input: a method that takes one gets it made from {@code {}} (an empty record, map or object;
   * {@code Optional.empty()} for an {@code Optional}), or the call is INVALID if its type cannot be
   * made from an empty object.
   *
   * @throws CellException NOT_FOUND ({@code not_found}, {@code unknown_method}), INVALID ({@code
   *     no_agent}, {@code invalid_input}), CONFLICT ({@code run_in_progress}, {@code
   *     agent_not_deployed}, {@code customer_failed}), MISMATCH ({@code idempotency_key_reused}:
   *     the key's run has another method or input); nothing is recorded then
   */
  RunInfo start(String customer, String method, JsonNode input, Optional<String> idempotencyKey);

  /**
   * Cancels a running run: its current step is interrupted (a shell command's process tree is
   * killed) and the run ends CANCELLED.
   *
   * @throws CellException {@code not_found}, or {@code run_finished} (CONFLICT)
   */
  RunInfo cancel(String runId);

  /**
   * The journal of a run: one record per step.
   *
   * @throws CellException {@code not_found}, {@code journal_expired} past the retention
   */
  List<RunStep> journal(String runId);

  /** Waits until the run finishes. */
  RunInfo await(String runId);

  Optional<RunInfo> find(String runId);

  /** The customer's runs, newest first. */
  List<RunInfo> list(String customer);

  /**
   * Events with a sequence number above {@code afterSeq}, waiting up to {@code wait} for new ones
   * while the run is live. {@code complete} says the run's last event has been returned.
   */
  Batch events(String runId, long afterSeq, Duration wait);

  record Batch(List<RunEvent> events, boolean complete) {}
}
