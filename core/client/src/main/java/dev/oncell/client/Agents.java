package dev.oncell.client;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Calls of agent methods in customers' cells: {@code /v1/agents/{method}}. Obtain from {@link
 * OncellClient#agents()}. Each call is a run; these calls have no time limit, since runs may take
 * long.
 *
 * <p>A run that starts and then fails is not an exception: it is a {@link RunResult} whose status
 * is not {@code succeeded}. {@link OncellApiException} means no run started, for example status 404
 * with code {@code unknown_method} or {@code not_found} (no such customer), 400 with {@code
 * invalid_input} or {@code no_agent}, 409 with {@code run_in_progress}; or that the connection
 * failed.
 */
public interface Agents {

  /** Runs {@code method} for {@code customer} with {@code input} and waits for its result. */
  default RunResult call(String method, String customer, JsonNode input) {
    return call(method, customer, input, Optional.empty());
  }

  /**
   * Like {@link #call(String, String, JsonNode)}, sending {@code Idempotency-Key} when present: a
   * repeated call with the same key for the same customer returns the first run's result instead of
   * starting another run.
   */
  RunResult call(String method, String customer, JsonNode input, Optional<String> idempotencyKey);

  /**
   * Runs {@code method} and hands each of its events to {@code onEvent} as it arrives, on the
   * calling thread, the last one ({@code result} or {@code error}) included; returns the run's
   * result once that last event arrived. If {@code onEvent} throws, the connection is dropped and
   * the exception propagates; the run goes on on the server.
   *
   * @throws OncellApiException with status 0 and code {@code disconnected} if the stream ends
   *     before the run's last event; its message names the last event received, so that {@link
   *     Runs#events(String, long, Consumer)} can follow the run from there
   */
  RunResult stream(String method, String customer, JsonNode input, Consumer<RunEvent> onEvent);

  /**
   * Starts a run and returns its id without waiting for it: what an editor does, which then follows
   * the run with {@link Runs#events(String, long, Consumer)} and may {@link Runs#cancel(String)}
   * it.
   *
   * @throws OncellApiException if no run started ({@code unknown_method}, {@code no_agent}, ...)
   */
  String start(String method, String customer, JsonNode input);
}
