package dev.oncell.runtime.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.oncell.agent.Context;
import dev.oncell.agent.Db;
import dev.oncell.agent.FileEntry;
import dev.oncell.agent.FileStore;
import dev.oncell.agent.Git;
import dev.oncell.agent.LlmOptions;
import dev.oncell.agent.LlmResponse;
import dev.oncell.agent.Memory;
import dev.oncell.agent.Orchestrator;
import dev.oncell.agent.SearchHit;
import dev.oncell.agent.ShellOptions;
import dev.oncell.agent.ShellResult;
import dev.oncell.agent.Step;
import dev.oncell.runtime.internal.plugins.AgentPlugin;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * The {@link Context} of one run. Every call goes through {@link #call}, the one choke point that
 * numbers the run's steps and refuses calls once the run was cancelled; the journal hooks in there.
 */
final class RunContext implements Context {

  /** Event types the platform emits; an agent's own events use other names. */
  static final Set<String> RESERVED_EVENTS = Set.of("started", "result", "error", "step", "shell");

  private final String runId;
  private final LiveCell cell;
  private final RunEventLog events;
  private final AgentPlugin plugin;
  private final AtomicLong sequence = new AtomicLong();
  private volatile Optional<String> cancelled = Optional.empty();

  RunContext(String runId, LiveCell cell, RunEventLog events, AgentPlugin plugin) {
    this.runId = runId;
    this.cell = cell;
    this.events = events;
    this.plugin = plugin;
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

  /** The choke point: every Context call of the run passes here, numbered in order. */
  private <T> T call(String kind, String name, Supplier<T> body) {
    sequence.incrementAndGet();
    if (cancelled.isPresent()) {
      throw new RunCancelledException(
          "run " + runId + " " + cancelled.get() + "; " + kind + " '" + name + "' not started");
    }
    return body.get();
  }

  private void callVoid(String kind, String name, Runnable body) {
    call(
        kind,
        name,
        () -> {
          body.run();
          return null;
        });
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
    return call(
        "shell",
        command,
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
        return call("store.read", path, () -> files.read(path));
      }

      @Override
      public void write(String path, byte[] content) {
        callVoid("store.write", path, () -> files.write(path, content));
      }

      @Override
      public List<FileEntry> list(String path) {
        return call("store.list", path, () -> files.list(path));
      }

      @Override
      public boolean delete(String path, boolean recursive) {
        return call("store.delete", path, () -> files.delete(path, recursive));
      }

      @Override
      public boolean exists(String path) {
        return call("store.exists", path, () -> files.exists(path));
      }

      @Override
      public boolean isDirectory(String path) {
        return call("store.isDirectory", path, () -> files.isDirectory(path));
      }
    };
  }

  @Override
  public Memory memory() {
    Memory memory = cell.memory();
    return new Memory() {
      @Override
      public void set(String key, JsonNode value) {
        callVoid("memory.set", key, () -> memory.set(key, value));
      }

      @Override
      public Optional<JsonNode> get(String key) {
        return call("memory.get", key, () -> memory.get(key));
      }

      @Override
      public List<String> keys() {
        return call("memory.keys", "", memory::keys);
      }

      @Override
      public boolean delete(String key) {
        return call("memory.delete", key, () -> memory.delete(key));
      }
    };
  }

  @Override
  public Db db() {
    Db db = cell.db();
    return new Db() {
      @Override
      public int update(String sql, Object... params) {
        return call("db.update", sql, () -> db.update(sql, params));
      }

      @Override
      public List<Map<String, Object>> query(String sql, Object... params) {
        return call("db.query", sql, () -> db.query(sql, params));
      }
    };
  }

  @Override
  public JsonNode config() {
    return call("config", "", () -> cell.info().config().deepCopy());
  }

  @Override
  public void stream(String type, Object data) {
    if (RESERVED_EVENTS.contains(type)) {
      throw new IllegalArgumentException(
          "event type '" + type + "' is the platform's; use another name");
    }
    callVoid("stream", type, () -> events.append(type, plugin.mapper().valueToTree(data)));
  }

  @Override
  public <T> T step(String name, Class<T> type, Supplier<T> body) {
    return call("step", name, () -> type.cast(body.get()));
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
          result = call("step", step.name(), step.body());
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
    events.append("step", data);
  }

  private static UnsupportedOperationException notYet(String call, String feature) {
    return new UnsupportedOperationException(
        "ctx." + call + " is not available in this version of oncell; it arrives with " + feature);
  }

  @Override
  public int index(String path, Optional<String> glob) {
    return call(
        "index",
        path,
        () -> {
          throw notYet("index", "code search");
        });
  }

  @Override
  public List<SearchHit> search(String query, int topK) {
    return call(
        "search",
        query,
        () -> {
          throw notYet("search", "code search");
        });
  }

  @Override
  public LlmResponse llm(String prompt, LlmOptions options) {
    return call(
        "llm",
        "",
        () -> {
          throw notYet("llm", "LLM routing");
        });
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
        () -> {
          throw notYet("upload", "the egress allow-list");
        });
  }

  @Override
  public Optional<String> secret(String name) {
    return call(
        "secret",
        name,
        () -> {
          throw notYet("secret", "operator secrets");
        });
  }
}
