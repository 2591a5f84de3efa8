package dev.oncell.runtime.internal.run;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.oncell.agent.Context;
import dev.oncell.agent.Db;
import dev.oncell.agent.FileStore;
import dev.oncell.agent.GrepMatch;
import dev.oncell.agent.IndexResult;
import dev.oncell.agent.LlmAnswer;
import dev.oncell.agent.LlmOptions;
import dev.oncell.agent.LlmResponse;
import dev.oncell.agent.Memory;
import dev.oncell.agent.Orchestrator;
import dev.oncell.agent.SearchHit;
import dev.oncell.agent.ShellOptions;
import dev.oncell.agent.ShellResult;
import dev.oncell.agent.Step;
import dev.oncell.agent.StepOptions;
import dev.oncell.agent.forge.PullRequests;
import dev.oncell.agent.git.Git;
import dev.oncell.runtime.internal.cell.LiveCell;
import dev.oncell.runtime.internal.forge.HostForges;
import dev.oncell.runtime.internal.git.HostRemoteGit;
import dev.oncell.runtime.internal.git.RemoteGit;
import dev.oncell.runtime.internal.journal.StepFailures;
import dev.oncell.runtime.internal.llm.LlmCall;
import dev.oncell.runtime.internal.plugins.AgentPlugin;
import dev.oncell.runtime.internal.store.Json;
import dev.oncell.runtime.internal.store.Sha256;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The {@link Context} of one run. Every call goes through the run's {@link ChokePoint}, which
 * numbers, replays and journals it; the cell's files, memory, database and code search are handed
 * out as journaled views ({@link JournaledFileStore}, {@link JournaledMemory}, {@link JournaledDb},
 * {@link JournaledSearch}), an LLM call sees the run as {@link RunLlm}, a forge call as {@link
 * RunForgeSteps}. See {@code internal.journal}'s package documentation for the rules.
 */
public final class RunContext implements Context {

  /** Event types the platform emits; an agent's own events use other names. */
  static final Set<String> RESERVED_EVENTS =
      Set.of("started", "resumed", "result", "error", "step", "shell", "index", "llm", "git");

  private final String runId;
  private final String deploymentId;
  private final LiveCell cell;
  private final RunEventLog events;
  private final AgentPlugin plugin;
  private final ChokePoint steps;
  private final HostForges forges;

  /** Clone, fetch and push, through the cell's repository on the host (its mirror and relay). */
  private final RemoteGit remoteGit = new HostRemoteGit();

  RunContext(
      String runId,
      String deploymentId,
      LiveCell cell,
      RunEventLog events,
      AgentPlugin plugin,
      RunJournal journal,
      HostForges forges) {
    this(runId, deploymentId, cell, events, plugin, journal, false, forges);
  }

  /**
   * With {@code replayOnly}, the context executes nothing: it checks the agent's calls against a
   * recorded journal and stops with {@link StepFailures.ReplayEndedException} where the journal
   * ends. That is how recorded journals are replayed on every build.
   */
  public RunContext(
      String runId,
      String deploymentId,
      LiveCell cell,
      RunEventLog events,
      AgentPlugin plugin,
      RunJournal journal,
      boolean replayOnly,
      HostForges forges) {
    this.runId = runId;
    this.forges = forges;
    this.deploymentId = deploymentId;
    this.cell = cell;
    this.events = events;
    this.plugin = plugin;
    this.steps = new ChokePoint(runId, journal, plugin.mapper(), replayOnly);
  }

  void cancel(String reason) {
    steps.cancel(reason);
  }

  boolean isCancelled() {
    return steps.isCancelled();
  }

  long steps() {
    return steps.steps();
  }

  /** A platform event, as a step, so a replay does not send it twice. */
  private void emit(String type, JsonNode data) {
    steps.callVoid("event", type, data, () -> events.append(type, data));
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
    request.put("stdin", options.stdin().map(Sha256::hex).orElse(""));
    request.put("cwd", options.cwd());
    return steps.call(
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
    return new JournaledFileStore(steps, cell.files());
  }

  @Override
  public Memory memory() {
    return new JournaledMemory(steps, cell.memory());
  }

  @Override
  public Db db() {
    return new JournaledDb(steps, cell.db());
  }

  @Override
  public JsonNode config() {
    return steps.call("config", "", "", JsonNode.class, () -> cell.info().config().deepCopy());
  }

  @Override
  public void stream(String type, Object data) {
    if (RESERVED_EVENTS.contains(type)) {
      throw new IllegalArgumentException(
          "event type '" + type + "' is the platform's; use another name");
    }
    JsonNode json = plugin.mapper().valueToTree(data);
    steps.callVoid(
        "stream", type, new RunJournal.Request(json, data), () -> events.append(type, json));
  }

  @Override
  public <T> T step(String name, Class<T> type, StepOptions options, Supplier<T> body) {
    return steps.call(
        "step",
        name,
        options.sideEffectKey().orElse(""),
        steps.type(type),
        options,
        () -> type.cast(body.get()));
  }

  @Override
  public Orchestrator orchestrator(String name) {
    return stepList -> {
      List<Object> results = new ArrayList<>();
      for (int i = 0; i < stepList.length; i++) {
        Step step = stepList[i];
        stepEvent(name, step.name(), "running", (double) i / stepList.length);
        Object result;
        try {
          result = steps.call("step", step.name(), name, Object.class, step.body()::get);
        } catch (RuntimeException e) {
          stepEvent(name, step.name(), "failed", (double) i / stepList.length);
          throw e;
        }
        stepEvent(name, step.name(), "done", (double) (i + 1) / stepList.length);
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

  private static UnsupportedOperationException notYet(String call, String feature) {
    return new UnsupportedOperationException(
        "ctx." + call + " is not available in this version of oncell; it arrives with " + feature);
  }

  private JournaledSearch codeSearch() {
    return new JournaledSearch(steps, cell.search(), events);
  }

  @Override
  public IndexResult index(String path, Optional<String> glob) {
    return codeSearch().index(path, glob);
  }

  @Override
  public List<SearchHit> search(String query, int topK) {
    return codeSearch().search(query, topK);
  }

  @Override
  public List<GrepMatch> grep(String regex, Optional<String> glob) {
    return codeSearch().grep(regex, glob);
  }

  @Override
  public LlmResponse llm(String prompt, LlmOptions options) {
    Objects.requireNonNull(prompt, "prompt");
    Objects.requireNonNull(options, "options");
    return llmCall().ask(prompt, options, Optional.empty()).response();
  }

  @Override
  public <T> LlmAnswer<T> llmAnswer(String prompt, LlmOptions options, Class<T> type) {
    Objects.requireNonNull(prompt, "prompt");
    Objects.requireNonNull(options, "options");
    Objects.requireNonNull(type, "type");
    LlmCall.Result result = llmCall().ask(prompt, options, Optional.of(type));
    return new LlmAnswer<>(type.cast(result.value().orElseThrow()), result.response());
  }

  private LlmCall llmCall() {
    return new LlmCall(
        new RunLlm(steps, this, events, plugin, cell.id(), deploymentId), cell.llm());
  }

  @Override
  public PullRequests pullRequests() {
    return forges.pullRequests(new RunForgeSteps(steps), cell, plugin, Optional.empty());
  }

  @Override
  public PullRequests pullRequests(String repoUrl) {
    Objects.requireNonNull(repoUrl, "repoUrl");
    return forges.pullRequests(new RunForgeSteps(steps), cell, plugin, Optional.of(repoUrl));
  }

  @Override
  public Git git() {
    return new JournaledGit(
        steps,
        cell,
        remoteGit,
        "",
        () -> JournaledGit.runBranch(plugin.agentName(), runId),
        (phase, percent) -> {
          ObjectNode data = Json.MAPPER.createObjectNode();
          data.put("phase", phase);
          data.put("percent", percent);
          events.append("git", data);
        });
  }

  @Override
  public void upload(String dest, String fromUrl) {
    steps.callVoid(
        "upload",
        dest,
        fromUrl,
        () -> {
          cell.upload(dest, fromUrl);
        });
  }

  @Override
  public Optional<String> secret(String name) {
    return steps.call(
        "secret",
        name,
        name,
        new TypeReference<Optional<String>>() {},
        () -> {
          throw notYet("secret", "operator secrets");
        });
  }
}
