package dev.oncell.runtime.internal.run;

import com.fasterxml.jackson.databind.JsonNode;
import dev.oncell.runtime.CellException;
import dev.oncell.runtime.RunError;
import dev.oncell.runtime.RunInfo;
import dev.oncell.runtime.RunStatus;
import dev.oncell.runtime.RunStep;
import dev.oncell.runtime.Runs;
import dev.oncell.runtime.internal.cell.CellRegistry;
import dev.oncell.runtime.internal.cell.LiveCell;
import dev.oncell.runtime.internal.deploy.DeploymentRegistry;
import dev.oncell.runtime.internal.forge.HostForges;
import dev.oncell.runtime.internal.store.RunStore;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The host's {@link Runs}: a facade over the parts that each do one job. {@link RunAdmission}
 * admits and launches new runs, {@link RunExecutor} runs them (one at a time per cell, with their
 * timeouts) and records how they end, {@link RunRecovery} resumes them after a restart, {@link
 * RunQueries} answers reads; cancellation stops a going run through the executor.
 */
public final class RunManager implements Runs, AutoCloseable {

  private final RunStore store;
  private final RunExecutor executor;
  private final RunAdmission admission;
  private final RunRecovery recovery;
  private final RunQueries queries;

  public RunManager(
      CellRegistry cells,
      DeploymentRegistry deployments,
      RunStore store,
      Clock clock,
      Duration defaultTimeout,
      Duration journalRetention,
      HostForges forges) {
    this.store = store;
    this.executor =
        new RunExecutor(store, clock, new JournalRetention(cells, clock, journalRetention), forges);
    this.admission = new RunAdmission(cells, deployments, store, executor, defaultTimeout);
    this.recovery =
        new RunRecovery(cells, deployments, store, executor, admission, clock, defaultTimeout);
    this.queries = new RunQueries(cells, store, executor);
  }

  /** Resumes the runs a stopped host left running, and starts missing setups. */
  public void recover() {
    recovery.recover();
  }

  @Override
  public RunInfo start(
      String customer, String method, JsonNode input, Optional<String> idempotencyKey) {
    return admission.start(customer, method, input, idempotencyKey);
  }

  /** Starts the agent's {@code setup} in a new cell; the cell learns the outcome. */
  public String startSetup(LiveCell cell) {
    return admission.startSetup(cell);
  }

  /** Cancels a running run: its current step is interrupted and the run ends cancelled. */
  @Override
  public RunInfo cancel(String runId) {
    Optional<ActiveRun> run = executor.active(runId);
    if (run.isEmpty()) {
      RunInfo info = queries.existing(runId);
      throw CellException.conflict(
          "run_finished", "run " + runId + " already ended " + info.status().wire());
    }
    executor.stop(
        run.get(),
        "was cancelled",
        RunStatus.CANCELLED,
        new RunError("cancelled", "the run was cancelled"));
    return run.get().done.join();
  }

  /** Cancels the customer's run, if one is going: its cell is about to be deleted. */
  public void cancelForCustomer(String customer) {
    executor
        .runOf(customer)
        .ifPresent(
            run ->
                executor.stop(
                    run,
                    "was cancelled: its customer was deleted",
                    RunStatus.CANCELLED,
                    new RunError("cancelled", "the customer was deleted during the run")));
  }

  /** Whether a run of the customer is going, waiting on an LLM included. */
  public boolean hasLiveRun(String customer) {
    return executor.busy(customer);
  }

  public void forgetCustomer(String customer) {
    admission.forgetCustomer(customer);
    store.deleteCustomer(customer);
  }

  @Override
  public List<RunStep> journal(String runId) {
    return queries.journal(runId);
  }

  @Override
  public RunInfo await(String runId) {
    return queries.await(runId);
  }

  @Override
  public Optional<RunInfo> find(String runId) {
    return queries.find(runId);
  }

  @Override
  public List<RunInfo> list(String customer) {
    return queries.list(customer);
  }

  @Override
  public Batch events(String runId, long afterSeq, Duration wait) {
    return queries.events(runId, afterSeq, wait);
  }

  @Override
  public void close() {
    executor.close();
  }
}
