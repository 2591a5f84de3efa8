package dev.oncell.runtime.internal.run;

import dev.oncell.runtime.CellInfo;
import dev.oncell.runtime.CellState;
import dev.oncell.runtime.DeploymentInfo;
import dev.oncell.runtime.RunError;
import dev.oncell.runtime.RunEvent;
import dev.oncell.runtime.RunInfo;
import dev.oncell.runtime.RunStatus;
import dev.oncell.runtime.internal.cell.CellRegistry;
import dev.oncell.runtime.internal.cell.LiveCell;
import dev.oncell.runtime.internal.deploy.DeploymentRegistry;
import dev.oncell.runtime.internal.plugins.AgentMethodHandle;
import dev.oncell.runtime.internal.plugins.AgentPlugin;
import dev.oncell.runtime.internal.store.RunStore;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * At start-up, resumes every run that was running when the host stopped, on the deployment it
 * started with: steps in its journal return their recorded results, the first one without executes
 * for real. A run that cannot be resumed is recorded failed ({@code resume_failed}); a run of a
 * quarantined cell stays running on record for a start that can serve it. A new cell whose setup
 * never got a run gets one now.
 */
final class RunRecovery {

  private static final Logger LOG = Logger.getLogger(RunRecovery.class.getName());

  private final CellRegistry cells;
  private final DeploymentRegistry deployments;
  private final RunStore store;
  private final RunExecutor executor;
  private final RunAdmission admission;
  private final Clock clock;
  private final Duration defaultTimeout;

  RunRecovery(
      CellRegistry cells,
      DeploymentRegistry deployments,
      RunStore store,
      RunExecutor executor,
      RunAdmission admission,
      Clock clock,
      Duration defaultTimeout) {
    this.cells = cells;
    this.deployments = deployments;
    this.store = store;
    this.executor = executor;
    this.admission = admission;
    this.clock = clock;
    this.defaultTimeout = defaultTimeout;
  }

  void recover() {
    for (RunInfo run : store.running()) {
      if (cells.find(run.customer()).isPresent() && !cells.live(run.customer()).servable()) {
        // Quarantined at start-up: the run stays running on record, for a start that can serve it.
        LOG.warning("run " + run.id() + " not resumed: its cell is out of service");
        continue;
      }
      try {
        resume(run);
      } catch (RuntimeException e) {
        LOG.log(Level.WARNING, "cannot resume run " + run.id(), e);
        failUnresumable(run, new RunError("resume_failed", e.getMessage()));
      }
    }
    for (CellInfo info : cells.list()) {
      if (info.state() == CellState.CREATING
          && info.agent().isPresent()
          && cells.live(info.id()).servable()
          && !executor.busy(info.id())) {
        LiveCell cell = cells.live(info.id());
        cell.setupStarted(admission.startSetup(cell));
      }
    }
  }

  private void resume(RunInfo run) {
    LiveCell cell = cells.live(run.customer());
    DeploymentInfo deployment =
        deployments
            .find(run.deploymentId())
            .orElseThrow(
                () -> new IllegalStateException("deployment " + run.deploymentId() + " is gone"));
    AgentPlugin plugin = deployments.plugin(deployment);
    ActiveRun.Body body;
    Consumer<RunInfo> onFinish;
    if (run.method().equals(AgentMethodHandle.SETUP)) {
      body = AgentInvocation.setup(plugin);
      onFinish = done -> cell.setupFinished(done.error());
    } else {
      AgentMethodHandle handle =
          plugin
              .method(run.method())
              .orElseThrow(() -> new IllegalStateException("method " + run.method() + " is gone"));
      body = AgentInvocation.of(plugin, handle, run.input());
      onFinish = done -> {};
    }
    Duration timeout =
        run.method().equals(AgentMethodHandle.SETUP)
            ? defaultTimeout
            : plugin
                .method(run.method())
                .flatMap(AgentMethodHandle::timeout)
                .orElse(defaultTimeout);
    executor.resume(run, cell, plugin, timeout, body, onFinish);
  }

  private void failUnresumable(RunInfo run, RunError error) {
    store.finish(run.id(), RunStatus.FAILED, Optional.empty(), Optional.of(error), clock.instant());
    List<RunEvent> seen = store.events(run.id(), 0);
    long next = seen.isEmpty() ? 1 : seen.getLast().seq() + 1;
    store.insertEvent(
        run.id(),
        new RunEvent(
            next,
            "error",
            RunExecutor.outcome(run.id(), RunStatus.FAILED, Optional.empty(), Optional.of(error)),
            clock.instant()));
  }
}
