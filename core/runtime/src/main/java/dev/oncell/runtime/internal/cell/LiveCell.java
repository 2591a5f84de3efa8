package dev.oncell.runtime.internal.cell;

import dev.oncell.agent.Db;
import dev.oncell.agent.FileStore;
import dev.oncell.agent.Memory;
import dev.oncell.agent.ShellOptions;
import dev.oncell.agent.ShellResult;
import dev.oncell.git.GitRelay;
import dev.oncell.git.GitRequest;
import dev.oncell.git.GitResponse;
import dev.oncell.runtime.Cell;
import dev.oncell.runtime.CellException;
import dev.oncell.runtime.CellInfo;
import dev.oncell.runtime.CellSearch;
import dev.oncell.runtime.DiskUsage;
import dev.oncell.runtime.RunError;
import dev.oncell.runtime.internal.egress.CellEgress;
import dev.oncell.runtime.internal.llm.LlmService;
import dev.oncell.runtime.internal.mirror.CellRepository;
import dev.oncell.sandbox.OutputListener;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Function;

/**
 * One cell as the host's callers see it: the {@link Cell} API, each call run on the open cell
 * through {@link #use}. Its lifecycle (the lock, the handles, pause, wake, delete) is {@link
 * CellLifecycle}'s, its recorded state and refusals {@link CellRecord}'s.
 */
public final class LiveCell implements Cell {

  private final CellRecord record;
  private final CellPaths paths;
  private final CellEnvironment env;
  private final Memory memory = new GuardedMemory(this);
  private final FileStore files = new GuardedFiles(this);
  private final CellSearch search = new GuardedSearch(this);

  private final Db db = new GuardedDb(this);

  private final CellLifecycle lifecycle;

  LiveCell(CellInfo created, CellPaths paths, CellEnvironment env) {
    this.record = new CellRecord(created);
    this.paths = paths;
    this.env = env;
    this.lifecycle = new CellLifecycle(record, paths, env);
  }

  @Override
  public String id() {
    return record.id();
  }

  public CellPaths paths() {
    return paths;
  }

  /** The host's LLM routing. */
  public LlmService llm() {
    return env.llm();
  }

  /** The host's pools for code search. */
  SearchPool searchPool() {
    return env.searchPool();
  }

  /** Appends one line to the cell's log. */
  void log(String event) {
    env.log(paths, event);
  }

  @Override
  public CellInfo info() {
    return lifecycle.info();
  }

  /**
   * Takes the cell out of service for this host's lifetime: every call but delete is refused. For a
   * cell whose recovery failed at start-up; the recorded state stays, so a restart tries again.
   */
  void quarantine(String reason) {
    lifecycle.quarantine(reason);
  }

  /** Records the setup run that was started for this new cell. */
  public void setupStarted(String runId) {
    lifecycle.setupStarted(runId);
  }

  /** The agent's setup ended: ACTIVE, or FAILED with its error. */
  public void setupFinished(Optional<RunError> failure) {
    lifecycle.setupFinished(failure);
  }

  /** Runs {@code op} on an active cell, waking it first if needed. */
  <T> T use(Function<CellHandles, T> op) {
    return lifecycle.use(op);
  }

  /** Refuses every call on a cell that is deleted, being deleted or quarantined. */
  public void checkServable() {
    record.checkServable();
  }

  /** Whether calls are served: not deleted, not being deleted, not quarantined. */
  public boolean servable() {
    return record.servable();
  }

  /** The size of the work folder, walking it now. */
  DiskUsage measureDisk() {
    return lifecycle.measureDisk();
  }

  /** The last measured size of the work folder, if it was measured since the host started. */
  Optional<DiskUsage> lastDiskUsage() {
    return record.diskUsage;
  }

  /** Opens the handles of a paused cell, or of an active one after a restart. */
  CellInfo wake() {
    return lifecycle.wake();
  }

  CellInfo pause() {
    return lifecycle.pause();
  }

  /** Pauses the cell if it had no call since {@code now - idleTimeout}; never waits. */
  boolean pauseIfIdle(Instant now) {
    return lifecycle.pauseIfIdle(now);
  }

  /** The profile the cell runs with now, or would run with if woken. */
  CellProfile profile() {
    return lifecycle.profile();
  }

  /** Deletes every byte of the cell; see {@link CellLifecycle#delete}. */
  void delete() {
    lifecycle.delete();
  }

  /** Releases handles and the disk at host shutdown without changing the recorded state. */
  void release() {
    lifecycle.release();
  }

  @Override
  public ShellResult shell(String command, ShellOptions options) {
    return shell(command, options, OutputListener.NONE);
  }

  @Override
  public ShellResult shell(String command, ShellOptions options, OutputListener listener) {
    ShellCall call = ShellCall.check(command, options, listener, env.config());
    return use(h -> call.run(h, env, paths));
  }

  /** {@code ctx.upload}: downloads {@code fromUrl} to {@code dest} through the cell's egress. */
  public long upload(String dest, String fromUrl) {
    CellUpload upload = CellUpload.check(dest, fromUrl);
    return use(h -> upload.run(h, env, paths));
  }

  /**
   * Runs {@code op} with the cell's egress as the host's own clients use it ({@link HostEgress}),
   * or with empty when the cell's agent blocks egress. The cell is woken if needed and cannot pause
   * until {@code op} returns, so the proxy stays up for the whole operation.
   */
  public <T> T withEgress(Function<Optional<HostEgress>, T> op) {
    return use(
        h ->
            op.apply(
                h.egress()
                    .flatMap(
                        proxy ->
                            CellEgress.policy(h.profile().network())
                                .map(
                                    policy -> new HostEgress(policy, proxy.socket(), this::log)))));
  }

  @Override
  public void serveGit(GitRequest request, GitResponse response) throws IOException {
    GitRelay.Access access =
        info().config().path("git").path("acceptPush").asBoolean(false)
            ? GitRelay.Access.READ_WRITE
            : GitRelay.Access.READ_ONLY;
    try {
      use(
          h -> {
            try {
              h.repository().editorRelay(access).handle(request, response);
              return null;
            } catch (IOException e) {
              throw new UncheckedIOException(e);
            }
          });
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }

  /** The host's side of the cell's repository (its mirror and upstream), waking the cell. */
  public <T> T repository(java.util.function.Function<CellRepository, T> op) {
    return use(h -> op.apply(h.repository()));
  }

  @Override
  public FileStore files() {
    return files;
  }

  @Override
  public FileContent open(String path) {
    return use(h -> h.files().open(path));
  }

  @Override
  public FilePage list(String path, java.util.Optional<String> after, int limit) {
    if (limit < 1 || limit > MAX_LIST_PAGE) {
      throw CellException.invalid(
          "invalid_limit", "limit must be between 1 and " + MAX_LIST_PAGE + ", not " + limit);
    }
    return use(
        h -> {
          WorkFolder.Page page = h.files().list(path, after, limit);
          return new FilePage(page.entries(), page.next(), page.unreadable());
        });
  }

  @Override
  public Memory memory() {
    return memory;
  }

  @Override
  public CellSearch search() {
    return search;
  }

  @Override
  public Db db() {
    return db;
  }
}
