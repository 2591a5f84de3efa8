package dev.oncell.client;

import java.util.List;
import java.util.function.Consumer;

/**
 * Runs of agent methods: {@code /v1/runs}. Obtain from {@link OncellClient#runs()}. Every method
 * throws {@link OncellApiException} on failure, for example status 404 with code {@code not_found}
 * for an unknown run.
 */
public interface Runs {

  /** One run, running or finished. */
  Run get(String runId);

  /** A customer's runs, newest first. */
  List<Run> list(String customer);

  /**
   * Hands the events of a run with an id above {@code afterId} to {@code onEvent}, on the calling
   * thread: first those already recorded, then, while the run is live, each as it happens. Returns
   * after the run's last event ({@code result} or {@code error}) or when the server ends the
   * stream. {@code afterId} is sent as {@code Last-Event-ID} when above 0, so a watcher that lost
   * its connection resumes exactly where it was. No time limit.
   *
   * @throws IllegalArgumentException if {@code afterId} is negative
   */
  void events(String runId, long afterId, Consumer<RunEvent> onEvent);

  /**
   * Cancels a run: its current step is interrupted and it ends {@code cancelled}.
   *
   * @throws OncellApiException 409 {@code run_finished} if it had already finished
   */
  Run cancel(String runId);

  /** All events of a run, from the first; see {@link #events(String, long, Consumer)}. */
  default void events(String runId, Consumer<RunEvent> onEvent) {
    events(runId, 0, onEvent);
  }
}
