package dev.oncell.agent;

import com.fasterxml.jackson.databind.JsonNode;
import dev.oncell.agent.forge.PullRequests;
import dev.oncell.agent.git.Git;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * What an agent method sees of its customer's cell. Every call is one step of the run, numbered in
 * order; the platform records it so that a run can be resumed after a crash without doing finished
 * steps again.
 *
 * <p>Determinism: given the same results of its Context calls, a method must make the same calls in
 * the same order. Do not branch on the clock, random numbers or outside state except through {@link
 * #step}, whose result is recorded.
 *
 * <p>Wired today: {@link #shell}, {@link #store}, {@link #memory}, {@link #db}, {@link #config},
 * {@link #stream}, {@link #step}, {@link #orchestrator}, {@link #index}, {@link #search}, {@link
 * #grep}, {@link #llm}, {@link #upload}, {@link #git} (local operations; clone, fetch and push
 * through the host) and {@link #pullRequests}. {@link #secret} throws {@link
 * UnsupportedOperationException} until its feature lands.
 */
public interface Context {

  String customerId();

  String runId();

  /** Runs a command in the cell's sandbox with cwd {@code /work}; output is also streamed. */
  ShellResult shell(String command);

  ShellResult shell(String command, ShellOptions options);

  /** The cell's files under {@code /work}. Each call is a step. */
  FileStore store();

  /** The customer's persistent key/value memory. Each call is a step. */
  Memory memory();

  /** The cell's SQL database. Each call is a step. */
  Db db();

  /** The customer's config, given when the customer was created. */
  JsonNode config();

  /** Sends a progress event to whoever watches this run. */
  void stream(String type, Object data);

  /**
   * Any other step: runs {@code body} once and records its result, which a replay returns without
   * running it again.
   */
  default <T> T step(String name, Class<T> type, Supplier<T> body) {
    return step(name, type, StepOptions.defaults(), body);
  }

  /** A step with a retry policy, or a side effect outside the cell: see {@link StepOptions}. */
  <T> T step(String name, Class<T> type, StepOptions options, Supplier<T> body);

  /** Named steps with progress events. */
  Orchestrator orchestrator(String name);

  /**
   * Indexes the files under {@code path} ({@code /work}, {@code /work/src} or a path relative to
   * it) that match {@code glob} (such as {@code **}{@code /*.{ts,py}}) for {@link #search}.
   * Incremental: unchanged files are skipped, deleted ones removed. Keyword search sees the files
   * when this returns; semantic vectors catch up in the background.
   */
  IndexResult index(String path, Optional<String> glob);

  /** Indexes everything under {@code path}. */
  default IndexResult index(String path) {
    return index(path, Optional.empty());
  }

  /**
   * The best chunks of the cell's index for {@code query} (a few words or a whole bug report),
   * hybrid keyword and semantic, at most a few per file.
   *
   * @param topK 1 to 100
   */
  List<SearchHit> search(String query, int topK);

  /** {@link #search(String, int)} with the 10 best hits. */
  default List<SearchHit> search(String query) {
    return search(query, 10);
  }

  /**
   * Lines matching a regular expression (as {@code grep -rnE}) in the indexed files that match
   * {@code glob}, at most 1,000, in path then line order.
   */
  List<GrepMatch> grep(String regex, Optional<String> glob);

  /**
   * Asks a language model, routed by the server's {@code oncell.yaml} to OpenAI, Anthropic or a
   * local model. Each request to the model is a journaled step: a replay returns the journaled
   * answer and spends no token. With {@link LlmOptions#tools}, the model may call Context
   * primitives; each call runs in the cell as a journaled step and its result goes back to the
   * model, for at most {@code maxToolRounds} rounds.
   *
   * <p>A cell whose {@link CellSpec#network()} blocks egress may only use a local model. Failures
   * carry codes such as {@code llm_unknown_model}, {@code llm_auth_failed}, {@code llm_timeout},
   * {@code llm_egress_blocked} and {@code llm_budget_exceeded}.
   */
  LlmResponse llm(String prompt, LlmOptions options);

  /** {@link #llm(String, LlmOptions)} with the server's default model. */
  default LlmResponse llm(String prompt) {
    return llm(prompt, LlmOptions.defaults());
  }

  /**
   * A structured answer: the model is asked for JSON matching {@code type} (a record, usually); the
   * answer is checked against it, and a malformed one is sent back with what is wrong, a bounded
   * number of times, before the call fails with {@code llm_invalid_output}.
   */
  default <T> T llm(String prompt, LlmOptions options, Class<T> type) {
    return llmAnswer(prompt, options, type).value();
  }

  /**
   * {@link #llm(String, LlmOptions, Class)} with the response the value was made from: its model
   * and the tokens of every round, corrections included. The same journaled step: a replay spends
   * no token and returns the same answer.
   */
  <T> LlmAnswer<T> llmAnswer(String prompt, LlmOptions options, Class<T> type);

  /** {@link #llm(String, LlmOptions, Class)} with the default options. */
  default <T> T llm(String prompt, Class<T> type) {
    return llm(prompt, LlmOptions.defaults(), type);
  }

  /**
   * Pull requests of the customer's repository: the {@code repoUrl} of the customer's config. The
   * forge is {@code forge.kind} at {@code forge.apiBase} of that config when given, else known by
   * the host ({@code github.com}: GitHub, {@code gitlab.com}: GitLab); the token is the customer's
   * git credential for the repository's host ({@code oncell git credentials set}), used by the host
   * and never shown to the agent. Calls go through the cell's egress allow-list, which must list
   * the forge's API host. See {@link PullRequests} for what each call does on a replay.
   */
  PullRequests pullRequests();

  /**
   * Pull requests of another repository of the customer ({@code https://host/owner/name}), with the
   * customer's credential for that host; the customer config's {@code forge} applies when the host
   * is the one of its {@code repoUrl}.
   */
  PullRequests pullRequests(String repoUrl);

  /**
   * The cell's git repository in {@code /work} ({@link Git#at} for one in a sub-folder): status,
   * diff, add, commit, log, branches, and clone, fetch and push through the host. Each call is a
   * step.
   */
  Git git();

  /**
   * Downloads {@code fromUrl} (http or https) to {@code dest} under /work, through the cell's
   * egress proxy and so its allow-list ({@link CellSpec#network()}); follows redirects, each
   * checked again. A journaled step: a resumed run does not download again. Fails with {@code
   * egress_blocked}, {@code egress_refused}, {@code invalid_url}, {@code invalid_path}, {@code
   * upload_too_large}, {@code upload_failed} or {@code upload_timeout}.
   */
  void upload(String dest, String fromUrl);

  /** A secret set by the operator. Not wired yet. */
  Optional<String> secret(String name);
}
