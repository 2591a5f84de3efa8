package dev.oncell.agent;

import com.fasterxml.jackson.databind.JsonNode;
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
 * #grep}. {@link #llm}, {@link #git}, {@link #upload} and {@link #secret} throw {@link
 * UnsupportedOperationException} until their features land.
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

  /** Asks a language model. Not wired yet. */
  LlmResponse llm(String prompt, LlmOptions options);

  /** The cell's git repository. Not wired yet. */
  Git git();

  /** Downloads {@code fromUrl} to {@code dest} under /work, through the egress allow-list. */
  void upload(String dest, String fromUrl);

  /** A secret set by the operator. Not wired yet. */
  Optional<String> secret(String name);
}
