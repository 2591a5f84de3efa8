package dev.oncell.runtime.internal.run;

import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.oncell.runtime.CellException;
import dev.oncell.runtime.CellInfo;
import dev.oncell.runtime.CellState;
import dev.oncell.runtime.DeploymentInfo;
import dev.oncell.runtime.RunError;
import dev.oncell.runtime.RunEvent;
import dev.oncell.runtime.RunInfo;
import dev.oncell.runtime.RunStatus;
import dev.oncell.runtime.RunStep;
import dev.oncell.runtime.Runs;
import dev.oncell.runtime.internal.cell.CellRegistry;
import dev.oncell.runtime.internal.cell.LiveCell;
import dev.oncell.runtime.internal.deploy.DeploymentRegistry;
import dev.oncell.runtime.internal.journal.CanonicalJson;
import dev.oncell.runtime.internal.journal.JournalException;
import dev.oncell.runtime.internal.journal.JournalFile;
import dev.oncell.runtime.internal.journal.StepFailures;
import dev.oncell.runtime.internal.plugins.AgentMethodHandle;
import dev.oncell.runtime.internal.plugins.AgentPlugin;
import dev.oncell.runtime.internal.plugins.AgentPluginMessages;
import dev.oncell.runtime.internal.store.Json;
import dev.oncell.runtime.internal.store.RunStore;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Starts runs on virtual threads, one at a time per cell, enforces their timeouts and records their
 * outcome. An agent that throws fails its run, never the host.
 */
public final class RunManager implements Runs, AutoCloseable {

  private static final Logger LOG = Logger.getLogger(RunManager.class.getName());

  /** What a run executes with its context. */
  private interface Body {
    Object run(RunContext ctx) throws Exception;
  }

  private static final class ActiveRun {
    final RunInfo info;
    final RunEventLog log;
    final AgentPlugin plugin;
    final Consumer<RunInfo> onFinish;
    final CompletableFuture<RunInfo> done = new CompletableFuture<>();
    final AtomicBoolean finished = new AtomicBoolean();
    volatile RunContext ctx;
    volatile RunJournal journal;
    volatile Thread thread;
    volatile boolean resumed;

    ActiveRun(RunInfo info, RunEventLog log, AgentPlugin plugin, Consumer<RunInfo> onFinish) {
      this.info = info;
      this.log = log;
      this.plugin = plugin;
      this.onFinish = onFinish;
    }
  }

  private final CellRegistry cells;
  private final DeploymentRegistry deployments;
  private final RunStore store;
  private final Clock clock;
  private final Duration defaultTimeout;
  private final Duration journalRetention;
  private final Map<String, ActiveRun> active = new ConcurrentHashMap<>();
  private final Map<String, String> busyCells = new ConcurrentHashMap<>();
  private final Map<String, ReentrantLock> idempotencyLocks = new ConcurrentHashMap<>();
  private final ScheduledExecutorService watchdog =
      Executors.newSingleThreadScheduledExecutor(
          Thread.ofPlatform().name("oncell-run-watchdog").daemon().factory());

  public RunManager(
      CellRegistry cells,
      DeploymentRegistry deployments,
      RunStore store,
      Clock clock,
      Duration defaultTimeout,
      Duration journalRetention) {
    this.cells = cells;
    this.deployments = deployments;
    this.store = store;
    this.clock = clock;
    this.defaultTimeout = defaultTimeout;
    this.journalRetention = journalRetention;
  }

  /**
   * Resumes every run that was running when the host stopped, on the deployment it started with:
   * steps in its journal return their recorded results, the first one without executes for real. A
   * new cell whose setup never got a run gets one now.
   */
  public void recover() {
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
          && !busyCells.containsKey(info.id())) {
        LiveCell cell = cells.live(info.id());
        cell.setupStarted(startSetup(cell));
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
    Body body;
    Consumer<RunInfo> onFinish;
    if (run.method().equals(AgentMethodHandle.SETUP)) {
      body =
          ctx -> {
            plugin.agent().setup(ctx);
            return null;
          };
      onFinish = done -> cell.setupFinished(done.error());
    } else {
      AgentMethodHandle handle =
          plugin
              .method(run.method())
              .orElseThrow(() -> new IllegalStateException("method " + run.method() + " is gone"));
      Object argument = argument(plugin, handle, run.input());
      body = ctx -> invoke(handle, plugin, ctx, argument);
      onFinish = done -> {};
    }
    if (busyCells.putIfAbsent(cell.id(), run.id()) != null) {
      throw new IllegalStateException(
          "cell " + cell.id() + " already runs " + busyCells.get(cell.id()));
    }
    ActiveRun active =
        new ActiveRun(
            run,
            new RunEventLog(run.id(), store, clock, store.events(run.id(), 0)),
            plugin,
            onFinish);
    active.resumed = true;
    this.active.put(run.id(), active);
    Duration timeout =
        run.method().equals(AgentMethodHandle.SETUP)
            ? defaultTimeout
            : plugin
                .method(run.method())
                .flatMap(AgentMethodHandle::timeout)
                .orElse(defaultTimeout);
    begin(active, cell, timeout, body);
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
            outcome(run.id(), RunStatus.FAILED, Optional.empty(), Optional.of(error)),
            clock.instant()));
  }

  @Override
  public RunInfo start(
      String customer, String method, JsonNode input, Optional<String> idempotencyKey) {
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
    Object argument = argument(plugin, handle, input);
    Duration timeout = handle.timeout().orElse(defaultTimeout);
    return launch(
            cell,
            deployment,
            plugin,
            method,
            input,
            idempotencyKey,
            timeout,
            ctx -> invoke(handle, plugin, ctx, argument),
            run -> {})
        .info;
  }

  /** Starts the agent's {@code setup} in a new cell; the cell learns the outcome. */
  public String startSetup(LiveCell cell) {
    CellInfo info = cell.info();
    DeploymentInfo deployment = activeDeployment(info.agent().orElseThrow(), info.env());
    AgentPlugin plugin = deployments.plugin(deployment);
    return launch(
            cell,
            deployment,
            plugin,
            AgentMethodHandle.SETUP,
            NullNode.getInstance(),
            Optional.empty(),
            defaultTimeout,
            ctx -> {
              plugin.agent().setup(ctx);
              return null;
            },
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

  /**
   * The agent's argument from a run's input. No input (absent, or JSON {@code null}) never reaches
   * the agent as {@code null}: it is the empty object {@code {}}, as the CLI sends without {@code
   * --input}, so a record parameter gets a record of empty fields, a {@code JsonNode} parameter an
   * empty object, an {@code Optional} parameter {@code Optional.empty()}; a type that cannot be
   * made from {@code {}} (a string, a number, a list) is 400 {@code invalid_input}.
   */
  private static Object argument(AgentPlugin plugin, AgentMethodHandle handle, JsonNode input) {
    Optional<JavaType> type = handle.inputJavaType(plugin.mapper());
    if (type.isEmpty()) {
      return null;
    }
    boolean none = input == null || input.isNull() || input.isMissingNode();
    if (none && type.get().isReferenceType()) {
      return plugin.mapper().convertValue(NullNode.getInstance(), type.get());
    }
    JsonNode given = none ? Json.MAPPER.createObjectNode() : input;
    if (type.get().getRawClass() == JsonNode.class) {
      return given;
    }
    try {
      Object argument = plugin.mapper().convertValue(given, type.get());
      if (argument == null) {
        throw new IllegalArgumentException("it makes no value");
      }
      return argument;
    } catch (IllegalArgumentException e) {
      throw CellException.invalid(
          "invalid_input",
          none
              ? "method '"
                  + handle.name()
                  + "' takes an input ("
                  + type.get().getRawClass().getSimpleName()
                  + ") and the call has none (no \"input\", or null)"
              : "input does not fit "
                  + type.get().getRawClass().getSimpleName()
                  + " of method '"
                  + handle.name()
                  + "': "
                  + AgentPluginMessages.firstLine(e.getMessage()));
    }
  }

  private static Object invoke(
      AgentMethodHandle handle, AgentPlugin plugin, RunContext ctx, Object argument)
      throws Exception {
    Object[] args =
        handle.inputType().isPresent() ? new Object[] {ctx, argument} : new Object[] {ctx};
    try {
      return handle.method().invoke(plugin.agent(), args);
    } catch (InvocationTargetException e) {
      if (e.getCause() instanceof Exception cause) {
        throw cause;
      }
      throw e;
    }
  }

  private ActiveRun launch(
      LiveCell cell,
      DeploymentInfo deployment,
      AgentPlugin plugin,
      String method,
      JsonNode input,
      Optional<String> idempotencyKey,
      Duration timeout,
      Body body,
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

  /** Opens the run's journal and starts its thread and its timeout. */
  private void begin(ActiveRun run, LiveCell cell, Duration timeout, Body body) {
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
        new RunContext(runId, run.info.deploymentId(), cell, run.log, run.plugin, run.journal);
    run.thread = Thread.ofVirtual().name("run-" + runId).unstarted(() -> execute(run, body));
    watchdog.schedule(() -> timeOut(run, timeout), timeout.toMillis(), TimeUnit.MILLISECONDS);
    run.thread.start();
  }

  private void execute(ActiveRun run, Body body) {
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
    run.ctx.cancel("timed out after " + timeout);
    Thread thread = run.thread;
    if (thread != null) {
      thread.interrupt(); // a shell command in progress is killed with its whole tree
    }
    finish(
        run,
        RunStatus.TIMED_OUT,
        Optional.empty(),
        Optional.of(
            new RunError(
                "timeout",
                "the run took longer than "
                    + timeout
                    + "; set @AgentMethod(timeout = ...) to allow more")));
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
      pruneJournals(done.customer());
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
    if (t instanceof RunContext.RunCancelledException e) {
      return new RunError("cancelled", e.getMessage());
    }
    return new RunError(StepFailures.code(t), StepFailures.message(t));
  }

  /** Cancels a running run: its current step is interrupted and the run ends cancelled. */
  @Override
  public RunInfo cancel(String runId) {
    ActiveRun run = active.get(runId);
    if (run == null) {
      RunInfo info =
          find(runId)
              .orElseThrow(() -> CellException.notFound("not_found", "no run '" + runId + "'"));
      throw CellException.conflict(
          "run_finished", "run " + runId + " already ended " + info.status().wire());
    }
    run.ctx.cancel("was cancelled");
    Thread thread = run.thread;
    if (thread != null) {
      thread.interrupt();
    }
    finish(
        run,
        RunStatus.CANCELLED,
        Optional.empty(),
        Optional.of(new RunError("cancelled", "the run was cancelled")));
    return run.done.join();
  }

  @Override
  public List<RunStep> journal(String runId) {
    RunInfo run =
        find(runId)
            .orElseThrow(() -> CellException.notFound("not_found", "no run '" + runId + "'"));
    LiveCell cell = cells.live(run.customer());
    Path file = cell.paths().journal(runId);
    if (!Files.exists(file) && run.status().finished()) {
      throw CellException.notFound(
          "journal_expired",
          "the journal of run " + runId + " is past its retention and was removed");
    }
    return JournalFile.readAll(file).stream()
        .map(
            e ->
                new RunStep(
                    e.seq(),
                    e.kind(),
                    e.name(),
                    e.requestHash(),
                    e.status().name().toLowerCase(java.util.Locale.ROOT),
                    e.result(),
                    e.errorCode().map(code -> new RunError(code, e.errorMessage().orElse(""))),
                    e.at()))
        .toList();
  }

  /** Removes journals of finished runs older than the retention; a live run's is never touched. */
  private void pruneJournals(String customer) {
    try {
      Path dir = cells.live(customer).paths().journals();
      if (!Files.isDirectory(dir)) {
        return;
      }
      java.time.Instant cutoff = clock.instant().minus(journalRetention);
      try (var files = Files.list(dir)) {
        for (Path file : files.toList()) {
          String runId = file.getFileName().toString().replaceFirst("\\.log$", "");
          if (!active.containsKey(runId)
              && Files.getLastModifiedTime(file).toInstant().isBefore(cutoff)) {
            Files.deleteIfExists(file);
          }
        }
      }
    } catch (IOException | RuntimeException e) {
      LOG.log(Level.FINE, "pruning journals of " + customer, e);
    }
  }

  @Override
  public RunInfo await(String runId) {
    ActiveRun run = active.get(runId);
    if (run != null) {
      return run.done.join();
    }
    return find(runId)
        .orElseThrow(() -> CellException.notFound("not_found", "no run '" + runId + "'"));
  }

  @Override
  public Optional<RunInfo> find(String runId) {
    return store.find(runId);
  }

  @Override
  public List<RunInfo> list(String customer) {
    cells.live(customer);
    return store.byCustomer(customer);
  }

  @Override
  public Batch events(String runId, long afterSeq, Duration wait) {
    ActiveRun run = active.get(runId);
    if (run != null) {
      try {
        return run.log.after(afterSeq, wait);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return new Batch(List.of(), false);
      }
    }
    RunInfo info =
        store
            .find(runId)
            .orElseThrow(() -> CellException.notFound("not_found", "no run '" + runId + "'"));
    return new Batch(store.events(runId, afterSeq), info.status().finished());
  }

  /** Cancels the customer's run, if one is going: its cell is about to be deleted. */
  public void cancelForCustomer(String customer) {
    String runId = busyCells.get(customer);
    ActiveRun run = runId == null ? null : active.get(runId);
    if (run == null) {
      return;
    }
    run.ctx.cancel("was cancelled: its customer was deleted");
    Thread thread = run.thread;
    if (thread != null) {
      thread.interrupt();
    }
    finish(
        run,
        RunStatus.CANCELLED,
        Optional.empty(),
        Optional.of(new RunError("cancelled", "the customer was deleted during the run")));
  }

  /** Whether a run of the customer is going, waiting on an LLM included. */
  public boolean hasLiveRun(String customer) {
    return busyCells.containsKey(customer);
  }

  public void forgetCustomer(String customer) {
    idempotencyLocks.remove(customer);
    store.deleteCustomer(customer);
  }

  @Override
  public void close() {
    watchdog.shutdownNow();
    for (ActiveRun run : active.values()) {
      run.ctx.cancel("stopped with the server");
      Thread thread = run.thread;
      if (thread != null) {
        thread.interrupt();
      }
    }
  }
}
