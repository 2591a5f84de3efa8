package dev.oncell.runtime.internal.run;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.oncell.agent.Context;
import dev.oncell.agent.Db;
import dev.oncell.agent.FileEntry;
import dev.oncell.agent.FileStore;
import dev.oncell.agent.Git;
import dev.oncell.agent.GrepMatch;
import dev.oncell.agent.IndexResult;
import dev.oncell.agent.LlmOptions;
import dev.oncell.agent.LlmResponse;
import dev.oncell.agent.Memory;
import dev.oncell.agent.Orchestrator;
import dev.oncell.agent.SearchHit;
import dev.oncell.agent.ShellOptions;
import dev.oncell.agent.ShellResult;
import dev.oncell.agent.Step;
import dev.oncell.agent.StepOptions;
import dev.oncell.runtime.internal.cell.LiveCell;
import dev.oncell.runtime.internal.journal.JournalEntry;
import dev.oncell.runtime.internal.journal.StepFailures;
import dev.oncell.runtime.internal.llm.LlmCall;
import dev.oncell.runtime.internal.plugins.AgentPlugin;
import dev.oncell.runtime.internal.store.Json;
import dev.oncell.runtime.internal.store.Sha256;
import dev.oncell.search.IndexReport;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * The {@link Context} of one run. Every call goes through {@link #call}, the one choke point: it
 * numbers the step, refuses calls once the run was cancelled, returns the journaled result of a
 * step done before a restart, and journals each new step before returning. See {@code
 * internal.journal}'s package documentation for the rules.
 */
public final class RunContext implements Context {

  /** Event types the platform emits; an agent's own events use other names. */
  static final Set<String> RESERVED_EVENTS =
      Set.of("started", "resumed", "result", "error", "step", "shell", "index", "llm");

  private static final TypeReference<List<FileEntry>> FILE_ENTRIES = new TypeReference<>() {};
  private static final TypeReference<Optional<JsonNode>> OPTIONAL_JSON = new TypeReference<>() {};
  private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {};
  private static final TypeReference<List<Map<String, Object>>> ROWS = new TypeReference<>() {};
  private static final TypeReference<List<SearchHit>> SEARCH_HITS = new TypeReference<>() {};
  private static final TypeReference<List<GrepMatch>> GREP_MATCHES = new TypeReference<>() {};
  private static final int GREP_LIMIT = 1000;

  private final String runId;
  private final LiveCell cell;
  private final RunEventLog events;
  private final AgentPlugin plugin;
  private final RunJournal journal;
  private final AtomicLong sequence = new AtomicLong();
  private final java.util.concurrent.atomic.AtomicInteger sideEffectDepth =
      new java.util.concurrent.atomic.AtomicInteger();
  private volatile Optional<String> cancelled = Optional.empty();

  private final boolean replayOnly;
  private final String deploymentId;

  RunContext(
      String runId,
      String deploymentId,
      LiveCell cell,
      RunEventLog events,
      AgentPlugin plugin,
      RunJournal journal) {
    this(runId, deploymentId, cell, events, plugin, journal, false);
  }

  /**
   * With {@code replayOnly}, the context executes nothing: it checks the agent's calls against a
   * recorded journal and stops with {@link StepFailures.ReplayEndedException} where the journal
   * ends. That is how recorded journals are replayed on every build.
   */
  RunContext(
      String runId,
      String deploymentId,
      LiveCell cell,
      RunEventLog events,
      AgentPlugin plugin,
      RunJournal journal,
      boolean replayOnly) {
    this.runId = runId;
    this.deploymentId = deploymentId;
    this.cell = cell;
    this.events = events;
    this.plugin = plugin;
    this.journal = journal;
    this.replayOnly = replayOnly;
  }

  /** Thrown into the agent's code when the run was cancelled or timed out. */
  static final class RunCancelledException extends RuntimeException {
    RunCancelledException(String message) {
      super(message);
    }
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

  private <T> T call(String kind, String name, Object request, Class<T> type, Supplier<T> body) {
    return call(kind, name, request, journal.type(type), StepOptions.defaults(), body);
  }

  private <T> T call(
      String kind, String name, Object request, TypeReference<T> type, Supplier<T> body) {
    return call(kind, name, request, journal.type(type), StepOptions.defaults(), body);
  }

  /** The choke point: every Context call of the run passes here, numbered in order. */
  private <T> T call(
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
    return found.map(value -> (T) plugin.mapper().convertValue(value, type));
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

  private void callVoid(String kind, String name, Object request, Runnable body) {
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

  /** A platform event, as a step, so a replay does not send it twice. */
  private void emit(String type, JsonNode data) {
    callVoid("event", type, data, () -> events.append(type, data));
  }

  @Override
  public String customerId() {
    return cell.id();
  }

  @Override
  public String runId() {
    return runId;
  }

  @Override
  public ShellResult shell(String command) {
    return shell(command, ShellOptions.defaults());
  }

  @Override
  public ShellResult shell(String command, ShellOptions options) {
    ObjectNode request = Json.MAPPER.createObjectNode();
    request.put("command", command);
    request.put("timeoutMs", options.timeout().map(java.time.Duration::toMillis).orElse(-1L));
    request.set("env", Json.MAPPER.valueToTree(new java.util.TreeMap<>(options.env())));
    request.put("stdin", options.stdin().map(RunContext::sha256).orElse(""));
    request.put("cwd", options.cwd());
    return call(
        "shell",
        command,
        request,
        ShellResult.class,
        () ->
            cell.shell(
                command,
                options,
                (stream, line) -> {
                  ObjectNode data = Json.MAPPER.createObjectNode();
                  data.put("stream", stream.name().toLowerCase(java.util.Locale.ROOT));
                  data.put("line", line);
                  events.append("shell", data);
                }));
  }

  @Override
  public FileStore store() {
    FileStore files = cell.files();
    return new FileStore() {
      @Override
      public byte[] read(String path) {
        return call("store.read", path, path, byte[].class, () -> files.read(path));
      }

      @Override
      public void write(String path, byte[] content) {
        callVoid("store.write", path, sha256(content), () -> files.write(path, content));
      }

      @Override
      public List<FileEntry> list(String path) {
        return call("store.list", path, path, FILE_ENTRIES, () -> files.list(path));
      }

      @Override
      public boolean delete(String path, boolean recursive) {
        return call(
            "store.delete", path, recursive, Boolean.class, () -> files.delete(path, recursive));
      }

      @Override
      public boolean exists(String path) {
        return call("store.exists", path, path, Boolean.class, () -> files.exists(path));
      }

      @Override
      public boolean isDirectory(String path) {
        return call("store.isDirectory", path, path, Boolean.class, () -> files.isDirectory(path));
      }
    };
  }

  @Override
  public Memory memory() {
    Memory memory = cell.memory();
    return new Memory() {
      @Override
      public void set(String key, JsonNode value) {
        callVoid("memory.set", key, value, () -> memory.set(key, value));
      }

      @Override
      public Optional<JsonNode> get(String key) {
        return call("memory.get", key, key, OPTIONAL_JSON, () -> memory.get(key));
      }

      @Override
      public List<String> keys() {
        return call("memory.keys", "", "", STRINGS, memory::keys);
      }

      @Override
      public boolean delete(String key) {
        return call("memory.delete", key, key, Boolean.class, () -> memory.delete(key));
      }
    };
  }

  @Override
  public Db db() {
    Db db = cell.db();
    return new Db() {
      @Override
      public int update(String sql, Object... params) {
        return call(
            "db.update",
            sql,
            java.util.Arrays.asList(params),
            Integer.class,
            () -> db.update(sql, params));
      }

      @Override
      public List<Map<String, Object>> query(String sql, Object... params) {
        return call(
            "db.query", sql, java.util.Arrays.asList(params), ROWS, () -> db.query(sql, params));
      }
    };
  }

  @Override
  public JsonNode config() {
    return call("config", "", "", JsonNode.class, () -> cell.info().config().deepCopy());
  }

  @Override
  public void stream(String type, Object data) {
    if (RESERVED_EVENTS.contains(type)) {
      throw new IllegalArgumentException(
          "event type '" + type + "' is the platform's; use another name");
    }
    JsonNode json = plugin.mapper().valueToTree(data);
    callVoid("stream", type, new RunJournal.Request(json, data), () -> events.append(type, json));
  }

  @Override
  public <T> T step(String name, Class<T> type, StepOptions options, Supplier<T> body) {
    return call(
        "step",
        name,
        options.sideEffectKey().orElse(""),
        journal.type(type),
        options,
        () -> type.cast(body.get()));
  }

  @Override
  public Orchestrator orchestrator(String name) {
    return steps -> {
      List<Object> results = new ArrayList<>();
      for (int i = 0; i < steps.length; i++) {
        Step step = steps[i];
        stepEvent(name, step.name(), "running", (double) i / steps.length);
        Object result;
        try {
          result = call("step", step.name(), name, Object.class, step.body()::get);
        } catch (RuntimeException e) {
          stepEvent(name, step.name(), "failed", (double) i / steps.length);
          throw e;
        }
        stepEvent(name, step.name(), "done", (double) (i + 1) / steps.length);
        results.add(result);
      }
      return results;
    };
  }

  private void stepEvent(String orchestrator, String step, String status, double progress) {
    ObjectNode data = Json.MAPPER.createObjectNode();
    data.put("orchestrator", orchestrator);
    data.put("step", step);
    data.put("status", status);
    data.put("progress", Math.round(progress * 1000) / 1000.0);
    emit("step", data);
  }

  static String sha256(byte[] bytes) {
    return Sha256.hex(bytes);
  }

  private static UnsupportedOperationException notYet(String call, String feature) {
    return new UnsupportedOperationException(
        "ctx." + call + " is not available in this version of oncell; it arrives with " + feature);
  }

  @Override
  public IndexResult index(String path, Optional<String> glob) {
    return call(
        "index",
        path,
        glob.orElse(""),
        IndexResult.class,
        () -> {
          IndexReport r = cell.search().index(path, glob, new IndexProgressEvents(events));
          IndexResult result =
              new IndexResult(r.files(), r.unchanged(), r.removed(), r.skipped(), r.chunks());
          emit("index", Json.MAPPER.valueToTree(result));
          return result;
        });
  }

  @Override
  public List<SearchHit> search(String query, int topK) {
    return call(
        "search",
        query,
        topK,
        SEARCH_HITS,
        () ->
            cell.search().search(query, topK, Optional.empty()).stream()
                .map(
                    h ->
                        new SearchHit(
                            h.path(),
                            h.content(),
                            h.score(),
                            h.startLine(),
                            h.endLine(),
                            h.symbol(),
                            h.language()))
                .toList());
  }

  @Override
  public List<GrepMatch> grep(String regex, Optional<String> glob) {
    return call(
        "grep",
        regex,
        glob.orElse(""),
        GREP_MATCHES,
        () ->
            cell.search().grep(regex, glob, GREP_LIMIT).stream()
                .map(m -> new GrepMatch(m.path(), m.line(), m.text()))
                .toList());
  }

  @Override
  public LlmResponse llm(String prompt, LlmOptions options) {
    java.util.Objects.requireNonNull(prompt, "prompt");
    java.util.Objects.requireNonNull(options, "options");
    return llmCall().ask(prompt, options, Optional.empty()).response();
  }

  @Override
  public <T> T llm(String prompt, LlmOptions options, Class<T> type) {
    java.util.Objects.requireNonNull(prompt, "prompt");
    java.util.Objects.requireNonNull(options, "options");
    java.util.Objects.requireNonNull(type, "type");
    return type.cast(llmCall().ask(prompt, options, Optional.of(type)).value().orElseThrow());
  }

  private LlmCall llmCall() {
    RunContext self = this;
    return new LlmCall(
        new LlmCall.Run() {
          @Override
          public <T> T journaled(
              String kind, String name, Object request, Class<T> type, Supplier<T> body) {
            return call(kind, name, request, type, body);
          }

          @Override
          public Context context() {
            return self;
          }

          @Override
          public void event(String type, JsonNode data) {
            events.append(type, data);
          }

          @Override
          public AgentPlugin plugin() {
            return plugin;
          }

          @Override
          public String customerId() {
            return cell.id();
          }

          @Override
          public String deploymentId() {
            return deploymentId;
          }
        },
        cell.llm());
  }

  @Override
  public Git git() {
    throw notYet("git", "git support");
  }

  @Override
  public void upload(String dest, String fromUrl) {
    callVoid(
        "upload",
        dest,
        fromUrl,
        () -> {
          cell.upload(dest, fromUrl);
        });
  }

  @Override
  public Optional<String> secret(String name) {
    return call(
        "secret",
        name,
        name,
        new TypeReference<Optional<String>>() {},
        () -> {
          throw notYet("secret", "operator secrets");
        });
  }
}
