package dev.oncell.runtime.internal.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.oncell.runtime.CellException;
import dev.oncell.runtime.DeploymentInfo;
import dev.oncell.runtime.RunError;
import dev.oncell.runtime.RunInfo;
import dev.oncell.runtime.RunStatus;
import dev.oncell.runtime.internal.cell.LiveCell;
import dev.oncell.runtime.internal.forge.HostForges;
import dev.oncell.runtime.internal.journal.JournalException;
import dev.oncell.runtime.internal.journal.JournalFile;
import dev.oncell.runtime.internal.journal.StepFailures;
import dev.oncell.runtime.internal.plugins.AgentPlugin;
import dev.oncell.runtime.internal.store.Json;
import dev.oncell.runtime.internal.store.RunStore;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Runs that are going: one at a time per cell, each on its own virtual thread with its timeout.
 * Opens a run's journal before its thread starts, records its outcome exactly once (success,
 * failure, time-out or cancellation, whichever comes first) and then lets the cell serve the next
 * run. An agent that throws fails its run, never the host.
 */
final class RunExecutor implements AutoCloseable {

  private static final Logger LOG = Logger.getLogger(RunExecutor.class.getName());

  private final RunStore store;
  private final Clock clock;
  private final JournalRetention retention;
  private final HostForges forges;
  private final Map<String, ActiveRun> active = new ConcurrentHashMap<>();
  private final Map<String, String> busyCells = new ConcurrentHashMap<>();
  private final ScheduledExecutorService watchdog =
      Executors.newSingleThreadScheduledExecutor(
          Thread.ofPlatform().name("oncell-run-watchdog").daemon().factory());

  RunExecutor(RunStore store, Clock clock, JournalRetention retention, HostForges forges) {
    this.store = store;
    this.forges = forges;
    this.clock = clock;
    this.retention = retention;
  }

  Optional<ActiveRun> active(String runId) {
    return Optional.ofNullable(active.get(runId));
  }

  /** The run a cell is running now, if any. */
  Optional<ActiveRun> runOf(String customer) {
    String runId = busyCells.get(customer);
    return runId == null ? Optional.empty() : active(runId);
  }

  /** Whether a run of the customer is going, waiting on an LLM included. */
  boolean busy(String customer) {
    return busyCells.containsKey(customer);
  }

  /** Records a new run and starts it; refused while the cell runs another. */
  ActiveRun launch(
      LiveCell cell,
      DeploymentInfo deployment,
      AgentPlugin plugin,
      String method,
      JsonNode input,
      Optional<String> idempotencyKey,
      Duration timeout,
      ActiveRun.Body body,
      Consumer<RunInfo> onFinish) {
    String runId = "r-" + UUID.randomUUID();
    if (busyCells.putIfAbsent(cell.id(), runId) != null) {
      throw CellException.conflict(
          "run_in_progress",
          "customer '"
              + cell.id()
              + "' is running "
              + busyCells.getOrDefault(cell.id(), "a run")
              + "; one run at a time per cell");
    }
    RunInfo info =
        new RunInfo(
            runId,
            cell.id(),
            deployment.id(),
            deployment.agent(),
            deployment.version(),
            method,
            RunStatus.RUNNING,
            input,
            Optional.empty(),
            Optional.empty(),
            clock.instant(),
            Optional.empty());
    ActiveRun run =
        new ActiveRun(info, new RunEventLog(runId, store, clock, List.of()), plugin, onFinish);
    active.put(runId, run);
    try {
      store.insert(info, idempotencyKey);
    } catch (RuntimeException e) {
      active.remove(runId);
      busyCells.remove(cell.id(), runId);
      throw e;
    }
    begin(run, cell, timeout, body);
    return run;
  }

  /** Starts a recorded run again after a restart; its journal answers the steps it made. */
  void resume(
      RunInfo run,
      LiveCell cell,
      AgentPlugin plugin,
      Duration timeout,
      ActiveRun.Body body,
      Consumer<RunInfo> onFinish) {
    if (busyCells.putIfAbsent(cell.id(), run.id()) != null) {
      throw new IllegalStateException(
          "cell " + cell.id() + " already runs " + busyCells.get(cell.id()));
    }
    ActiveRun resumed =
        new ActiveRun(
            run,
            new RunEventLog(run.id(), store, clock, store.events(run.id(), 0)),
            plugin,
            onFinish);
    resumed.resumed = true;
    active.put(run.id(), resumed);
    begin(resumed, cell, timeout, body);
  }

  /** Opens the run's journal and starts its thread and its timeout. */
  private void begin(ActiveRun run, LiveCell cell, Duration timeout, ActiveRun.Body body) {
    String runId = run.info.id();
    try {
      run.journal =
          new RunJournal(JournalFile.open(cell.paths().journal(runId)), run.plugin.mapper(), clock);
    } catch (RuntimeException e) {
      active.remove(runId);
      busyCells.remove(cell.id(), runId);
      if (!(e instanceof JournalException)) {
        throw e;
      }
      // Not started, so never resumed: recorded as failed, and the caller told why.
      CellException failure = CellException.internal("cannot open the run's journal", e);
      try {
        store.finish(
            runId,
            RunStatus.FAILED,
            Optional.empty(),
            Optional.of(new RunError(failure.code(), failure.getMessage())),
            clock.instant());
      } catch (RuntimeException ignored) {
        // the control plane is on the same full disk; recover() settles the run at the next start
      }
      throw failure;
    }
    run.ctx =
        new RunContext(
            runId, run.info.deploymentId(), cell, run.log, run.plugin, run.journal, forges);
    run.thread = Thread.ofVirtual().name("run-" + runId).unstarted(() -> execute(run, body));
    watchdog.schedule(() -> timeOut(run, timeout), timeout.toMillis(), TimeUnit.MILLISECONDS);
    run.thread.start();
  }

  private void execute(ActiveRun run, ActiveRun.Body body) {
    Thread.currentThread().setContextClassLoader(run.plugin.classLoader());
    try {
      ObjectNode started = Json.MAPPER.createObjectNode();
      started.put("runId", run.info.id());
      started.put("agent", run.info.agent());
      started.put("version", run.info.version());
      started.put("method", run.info.method());
      if (run.resumed) {
        started.put("journaledSteps", run.journal.recordedSteps());
      }
      run.log.append(run.resumed ? "resumed" : "started", started);
      Object value = body.run(run.ctx);
      JsonNode result =
          value == null ? NullNode.getInstance() : run.plugin.mapper().valueToTree(value);
      finish(run, RunStatus.SUCCEEDED, Optional.of(result), Optional.empty());
    } catch (Throwable t) {
      if (!run.ctx.isCancelled()) {
        finish(run, RunStatus.FAILED, Optional.empty(), Optional.of(error(t)));
      }
      if (t instanceof Error e && !(t instanceof StackOverflowError)) {
        LOG.log(Level.SEVERE, "run " + run.info.id() + " hit a JVM error", e);
      }
    }
  }

  private void timeOut(ActiveRun run, Duration timeout) {
    if (run.finished.get()) {
      return;
    }
    stop(
        run,
        "timed out after " + timeout,
        RunStatus.TIMED_OUT,
        new RunError(
            "timeout",
            "the run took longer than "
                + timeout
                + "; set @AgentMethod(timeout = ...) to allow more"));
  }

  /** Cuts a run short (its current step is interrupted) and records how it ended. */
  void stop(ActiveRun run, String reason, RunStatus status, RunError error) {
    run.interrupt(reason);
    finish(run, status, Optional.empty(), Optional.of(error));
  }

  private void finish(
      ActiveRun run, RunStatus status, Optional<JsonNode> result, Optional<RunError> error) {
    if (!run.finished.compareAndSet(false, true)) {
      return;
    }
    RunInfo done =
        new RunInfo(
            run.info.id(),
            run.info.customer(),
            run.info.deploymentId(),
            run.info.agent(),
            run.info.version(),
            run.info.method(),
            status,
            run.info.input(),
            result,
            error,
            run.info.createdAt(),
            Optional.of(clock.instant()));
    try {
      store.finish(done.id(), status, result, error, done.finishedAt().orElseThrow());
      run.log.append(
          status == RunStatus.SUCCEEDED ? "result" : "error",
          outcome(done.id(), status, result, error));
    } catch (RuntimeException e) {
      LOG.log(Level.SEVERE, "cannot record the end of run " + done.id(), e);
    } finally {
      RunJournal journal = run.journal;
      if (journal != null) {
        journal.close();
      }
      retention.prune(done.customer(), active::containsKey);
      busyCells.remove(done.customer(), done.id());
      active.remove(done.id());
      try {
        run.onFinish.accept(done);
      } catch (RuntimeException e) {
        LOG.log(Level.SEVERE, "after run " + done.id(), e);
      }
      run.done.complete(done);
    }
  }

  /** The body of the last event and of a synchronous call's answer. */
  static ObjectNode outcome(
      String runId, RunStatus status, Optional<JsonNode> result, Optional<RunError> error) {
    ObjectNode node = Json.MAPPER.createObjectNode();
    node.put("runId", runId);
    node.put("status", status.wire());
    node.set("result", result.orElse(NullNode.getInstance()));
    if (error.isPresent()) {
      ObjectNode e = node.putObject("error");
      e.put("code", error.get().code());
      e.put("message", error.get().message());
    } else {
      node.putNull("error");
    }
    return node;
  }

  private static RunError error(Throwable t) {
    if (t instanceof ChokePoint.RunCancelledException e) {
      return new RunError("cancelled", e.getMessage());
    }
    return new RunError(StepFailures.code(t), StepFailures.message(t));
  }

  @Override
  public void close() {
    watchdog.shutdownNow();
    for (ActiveRun run : active.values()) {
      run.interrupt("stopped with the server");
    }
  }
}
