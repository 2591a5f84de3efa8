package dev.oncell.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.oncell.agent.Db;
import dev.oncell.agent.FileStore;
import dev.oncell.agent.Memory;
import dev.oncell.agent.ShellOptions;
import dev.oncell.agent.ShellResult;
import dev.oncell.runtime.Cell;
import dev.oncell.runtime.CellInfo;
import dev.oncell.runtime.Host;
import dev.oncell.runtime.RunEvent;
import dev.oncell.runtime.RunInfo;
import dev.oncell.runtime.RunStatus;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One customer's cell in a test: calls the agent's methods as runs through the host, and reaches
 * the cell's files, memory, database and shell directly (not as steps of a run).
 *
 * <p>Inputs are converted to JSON with Jackson (a {@link JsonNode} is sent as it is) and results
 * back into the test's own types, exactly as the HTTP API would: the agent's classes live in its
 * plugin's class loader, so the test never shares an object with it.
 */
public final class TestCell {

  static final ObjectMapper JSON =
      new ObjectMapper()
          .registerModule(new Jdk8Module())
          .registerModule(new JavaTimeModule())
          .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
          .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS);

  private final Host host;
  private final String id;

  TestCell(Host host, String id) {
    this.host = host;
    this.id = id;
  }

  /** The customer's id. */
  public String id() {
    return id;
  }

  /** What the control plane knows of the cell now. */
  public CellInfo info() {
    return host.cells().find(id).orElseThrow(() -> new IllegalStateException("no cell " + id));
  }

  /** Calls a method that takes no input; see {@link #call(String, Object)}. */
  public JsonNode call(String method) {
    return call(method, NullNode.getInstance());
  }

  /**
   * Runs {@code method} with {@code input} and waits for it.
   *
   * @return the method's result as JSON ({@code null} JSON for a {@code void} method)
   * @throws AssertionError with the run's error code and message if it did not succeed
   */
  public JsonNode call(String method, Object input) {
    RunInfo run = run(method, input);
    if (run.status() != RunStatus.SUCCEEDED) {
      throw new AssertionError(
          "run "
              + run.id()
              + " of "
              + method
              + " for "
              + id
              + " ended "
              + run.status()
              + run.error().map(e -> ": " + e.code() + ": " + e.message()).orElse(""));
    }
    return run.result().orElse(NullNode.getInstance());
  }

  /** Like {@link #call(String, Object)}, with the result mapped to {@code type}. */
  public <T> T call(String method, Object input, Class<T> type) {
    Objects.requireNonNull(type, "type");
    JsonNode result = call(method, input);
    try {
      return JSON.treeToValue(result, type);
    } catch (java.io.IOException e) {
      throw new AssertionError(
          "the result of " + method + " does not map to " + type.getName() + ": " + result, e);
    }
  }

  /** Runs a method that takes no input; see {@link #run(String, Object)}. */
  public RunInfo run(String method) {
    return run(method, NullNode.getInstance());
  }

  /** Runs {@code method} with {@code input} and waits for it; never throws for a failed run. */
  public RunInfo run(String method, Object input) {
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(input, "input");
    JsonNode json = input instanceof JsonNode node ? node : JSON.valueToTree(input);
    RunInfo started = host.runs().start(id, method, json, Optional.empty());
    return host.runs().await(started.id());
  }

  /**
   * Every event of a run so far, in order; a finished run's last is {@code result} or {@code
   * error}.
   */
  public List<RunEvent> events(String runId) {
    return host.runs().events(runId, 0, Duration.ZERO).events();
  }

  /** The events of {@code type} of a run, in order. */
  public List<RunEvent> events(String runId, String type) {
    return events(runId).stream().filter(e -> e.type().equals(type)).toList();
  }

  /** The cell itself, as the host's services see it. */
  public Cell cell() {
    return host.cells().cell(id);
  }

  public FileStore files() {
    return cell().files();
  }

  public Memory memory() {
    return cell().memory();
  }

  public Db db() {
    return cell().db();
  }

  /** Runs a command in the cell's sandbox, cwd {@code /work}, as the agent's shell would. */
  public ShellResult shell(String command) {
    return shell(command, ShellOptions.defaults());
  }

  public ShellResult shell(String command, ShellOptions options) {
    return cell().shell(command, options);
  }

  @Override
  public String toString() {
    return "TestCell[" + id + "]";
  }
}
