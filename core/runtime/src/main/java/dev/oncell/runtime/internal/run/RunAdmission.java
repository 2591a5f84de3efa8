package dev.oncell.runtime.internal.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import dev.oncell.runtime.CellException;
import dev.oncell.runtime.CellInfo;
import dev.oncell.runtime.CellState;
import dev.oncell.runtime.DeploymentInfo;
import dev.oncell.runtime.RunInfo;
import dev.oncell.runtime.internal.cell.CellRegistry;
import dev.oncell.runtime.internal.cell.LiveCell;
import dev.oncell.runtime.internal.deploy.DeploymentRegistry;
import dev.oncell.runtime.internal.journal.CanonicalJson;
import dev.oncell.runtime.internal.plugins.AgentMethodHandle;
import dev.oncell.runtime.internal.plugins.AgentPlugin;
import dev.oncell.runtime.internal.store.Json;
import dev.oncell.runtime.internal.store.RunStore;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Admits a new run: the cell must be servable, have an agent and not have failed its setup; the
 * method must exist on the version active in the cell's environment and the input must fit it. An
 * idempotency key gives one run per customer and key, also to concurrent calls; reused with another
 * method or input it is refused ({@code idempotency_key_reused}).
 */
final class RunAdmission {

  private final CellRegistry cells;
  private final DeploymentRegistry deployments;
  private final RunStore store;
  private final RunExecutor executor;
  private final Duration defaultTimeout;
  private final Map<String, ReentrantLock> idempotencyLocks = new ConcurrentHashMap<>();

  RunAdmission(
      CellRegistry cells,
      DeploymentRegistry deployments,
      RunStore store,
      RunExecutor executor,
      Duration defaultTimeout) {
    this.cells = cells;
    this.deployments = deployments;
    this.store = store;
    this.executor = executor;
    this.defaultTimeout = defaultTimeout;
  }

  RunInfo start(String customer, String method, JsonNode input, Optional<String> idempotencyKey) {
    LiveCell cell = cells.live(customer);
    cell.checkServable(); // a cell being deleted or quarantined starts nothing
    if (idempotencyKey.isEmpty()) {
      return startNew(cell, method, input, Optional.empty());
    }
    // One key, one run: calls with the same key wait here while the first one records its run.
    ReentrantLock lock = idempotencyLocks.computeIfAbsent(customer, c -> new ReentrantLock());
    lock.lock();
    try {
      Optional<RunInfo> existing = store.byIdempotencyKey(customer, idempotencyKey.get());
      if (existing.isPresent()) {
        checkSameRequest(existing.get(), method, input);
        return existing.get();
      }
      return startNew(cell, method, input, idempotencyKey);
    } finally {
      lock.unlock();
    }
  }

  /**
   * A key reused for another request is refused, as payment APIs do, rather than answered wrongly.
   */
  private static void checkSameRequest(RunInfo existing, String method, JsonNode input) {
    if (!existing.method().equals(method)
        || !canonicalInput(existing.input()).equals(canonicalInput(input))) {
      throw CellException.mismatch(
          "idempotency_key_reused",
          "this Idempotency-Key was used for run "
              + existing.id()
              + " of method '"
              + existing.method()
              + "' with another "
              + (existing.method().equals(method) ? "input" : "method")
              + "; use a new key for a new request");
    }
  }

  /**
   * An input as stored and read back, in canonical form: key order and number form do not count.
   */
  private static String canonicalInput(JsonNode input) {
    return CanonicalJson.write(Json.read(Json.write(input)));
  }

  private RunInfo startNew(
      LiveCell cell, String method, JsonNode input, Optional<String> idempotencyKey) {
    String customer = cell.id();
    CellInfo info = cell.info();
    String agent =
        info.agent()
            .orElseThrow(
                () ->
                    CellException.invalid(
                        "no_agent", "customer '" + customer + "' was created without an agent"));
    if (info.state() == CellState.FAILED) {
      throw CellException.conflict(
          "customer_failed",
          "the setup of customer '"
              + customer
              + "' failed"
              + info.error().map(e -> ": " + e.message()).orElse(""));
    }
    DeploymentInfo deployment = activeDeployment(agent, info.env());
    AgentPlugin plugin = deployments.plugin(deployment);
    AgentMethodHandle handle =
        plugin
            .method(method)
            .orElseThrow(
                () ->
                    CellException.notFound(
                        "unknown_method",
                        "agent '"
                            + agent
                            + "' has no method '"
                            + method
                            + "'; it has "
                            + plugin.methods().keySet()));
    ActiveRun.Body body = AgentInvocation.of(plugin, handle, input);
    Duration timeout = handle.timeout().orElse(defaultTimeout);
    return executor.launch(
            cell, deployment, plugin, method, input, idempotencyKey, timeout, body, run -> {})
        .info;
  }

  /** Starts the agent's {@code setup} in a new cell; the cell learns the outcome. */
  String startSetup(LiveCell cell) {
    CellInfo info = cell.info();
    DeploymentInfo deployment = activeDeployment(info.agent().orElseThrow(), info.env());
    AgentPlugin plugin = deployments.plugin(deployment);
    return executor
        .launch(
            cell,
            deployment,
            plugin,
            AgentMethodHandle.SETUP,
            NullNode.getInstance(),
            Optional.empty(),
            defaultTimeout,
            AgentInvocation.setup(plugin),
            run -> cell.setupFinished(run.error()))
        .info
        .id();
  }

  private DeploymentInfo activeDeployment(String agent, String env) {
    return deployments
        .active(agent, env)
        .orElseThrow(
            () ->
                CellException.conflict(
                    "agent_not_deployed",
                    "no version of agent '" + agent + "' is active in " + env));
  }

  void forgetCustomer(String customer) {
    idempotencyLocks.remove(customer);
  }
}
