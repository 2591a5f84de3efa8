package dev.oncell.runtime.internal;

import dev.oncell.agent.Db;
import dev.oncell.agent.FileStore;
import dev.oncell.agent.Memory;
import dev.oncell.agent.ShellOptions;
import dev.oncell.agent.ShellResult;
import dev.oncell.runtime.Cell;
import dev.oncell.runtime.CellException;
import dev.oncell.runtime.CellInfo;
import dev.oncell.runtime.CellSearch;
import dev.oncell.runtime.CellState;
import dev.oncell.runtime.RunError;
import dev.oncell.sandbox.ExecRequest;
import dev.oncell.sandbox.ExecResult;
import dev.oncell.sandbox.OutputListener;
import dev.oncell.sandbox.SandboxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Function;

/**
 * One cell and its lifecycle. Calls hold the read lock, so they run side by side; pause, wake and
 * delete hold the write lock, so a pause waits for calls in progress and never cuts one. The
 * handles (database, sandbox) exist only while the cell is ACTIVE.
 */
final class LiveCell implements Cell {

  private static final int MAX_COMMAND_LENGTH = 128 * 1024;

  private final CellInfo created;
  private final CellPaths paths;
  private final CellEnvironment env;
  private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock(true);
  private final Memory memory = new GuardedMemory(this);
  private final FileStore files = new GuardedFiles(this);
  private final CellSearch search = new GuardedSearch(this);

  private final Db db = new GuardedDb(this);

  private CellState state;
  private Optional<String> setupRunId;
  private Optional<RunError> error;
  private CellHandles handles; // non-null only while the cell is in use
  private boolean deleted;
  private volatile Instant lastActive;

  LiveCell(CellInfo created, CellPaths paths, CellEnvironment env) {
    this.created = created;
    this.paths = paths;
    this.env = env;
    this.state = created.state();
    this.setupRunId = created.setupRunId();
    this.error = created.error();
    this.lastActive = created.lastActiveAt();
  }

  @Override
  public String id() {
    return created.id();
  }

  CellPaths paths() {
    return paths;
  }

  /** The host's LLM routing. */
  LlmService llm() {
    return env.llm();
  }

  /** Appends one line to the cell's log. */
  void log(String event) {
    env.log(paths, event);
  }

  @Override
  public CellInfo info() {
    lock.readLock().lock();
    try {
      return infoUnlocked();
    } finally {
      lock.readLock().unlock();
    }
  }

  private CellInfo infoUnlocked() {
    return new CellInfo(
        created.id(),
        state,
        created.agent(),
        created.env(),
        created.config(),
        setupRunId,
        error,
        created.createdAt(),
        lastActive);
  }

  /** Records the setup run that was started for this new cell. */
  void setupStarted(String runId) {
    lock.writeLock().lock();
    try {
      env.controlPlane().updateSetupRun(id(), runId);
      setupRunId = Optional.of(runId);
    } finally {
      lock.writeLock().unlock();
    }
  }

  /** The agent's setup ended: ACTIVE, or FAILED with its error. */
  void setupFinished(Optional<RunError> failure) {
    lock.writeLock().lock();
    try {
      if (deleted) {
        return;
      }
      CellState next = failure.isPresent() ? CellState.FAILED : CellState.ACTIVE;
      env.controlPlane().finishSetup(id(), next, failure, env.clock().instant());
      state = next;
      error = failure;
      env.log(paths, failure.map(e -> "setup failed: " + e.code()).orElse("setup done"));
    } finally {
      lock.writeLock().unlock();
    }
  }

  /** Runs {@code op} on an active cell, waking it first if needed. */
  <T> T use(Function<CellHandles, T> op) {
    while (true) {
      lock.readLock().lock();
      try {
        checkNotDeleted();
        if (handles != null) {
          lastActive = env.clock().instant();
          return op.apply(handles);
        }
      } finally {
        lock.readLock().unlock();
      }
      wake();
    }
  }

  private void checkNotDeleted() {
    if (deleted) {
      throw CellException.notFound("not_found", "no customer '" + id() + "'");
    }
  }

  /** Opens the handles of a paused cell, or of an active one after a restart. */
  CellInfo wake() {
    lock.writeLock().lock();
    try {
      checkNotDeleted();
      if (handles == null) {
        // Only a paused cell changes state; a new (CREATING) or FAILED one just opens handles.
        boolean wasPaused =
            state == CellState.PAUSED || state == CellState.PAUSING || state == CellState.WAKING;
        if (wasPaused) {
          setState(CellState.WAKING);
        }
        try {
          handles = CellHandles.open(paths, env);
          handles.index().resumePending();
        } catch (RuntimeException e) {
          if (wasPaused) {
            setState(CellState.PAUSED);
          }
          throw e;
        }
        if (wasPaused) {
          setState(CellState.ACTIVE);
          env.log(paths, "woke");
        }
      }
      lastActive = env.clock().instant();
      return infoUnlocked();
    } finally {
      lock.writeLock().unlock();
    }
  }

  CellInfo pause() {
    lock.writeLock().lock();
    try {
      checkNotDeleted();
      if (state == CellState.ACTIVE) {
        setState(CellState.PAUSING);
        closeHandles();
        env.controlPlane().updateLastActive(id(), lastActive);
        setState(CellState.PAUSED);
        env.log(paths, "paused");
      }
      return infoUnlocked();
    } finally {
      lock.writeLock().unlock();
    }
  }

  /** Deletes every byte of the cell; the control-plane row goes last so a crash can finish it. */
  void delete() {
    lock.writeLock().lock();
    try {
      checkNotDeleted();
      setState(CellState.DELETING);
      closeHandles();
      CellRegistry.removeFiles(paths);
      env.controlPlane().deleteCustomer(id());
      deleted = true;
    } finally {
      lock.writeLock().unlock();
    }
  }

  /** Releases handles at host shutdown without changing the recorded state. */
  void release() {
    lock.writeLock().lock();
    try {
      if (handles != null) {
        closeHandles();
        env.controlPlane().updateLastActive(id(), lastActive);
      }
    } finally {
      lock.writeLock().unlock();
    }
  }

  private void closeHandles() {
    if (handles != null) {
      handles.close();
      handles = null;
    }
  }

  private void setState(CellState next) {
    env.controlPlane().updateState(id(), next, env.clock().instant());
    state = next;
  }

  @Override
  public ShellResult shell(String command, ShellOptions options) {
    return shell(command, options, OutputListener.NONE);
  }

  @Override
  public ShellResult shell(String command, ShellOptions options, OutputListener listener) {
    if (command.isBlank()) {
      throw CellException.invalid("invalid_command", "the command is empty");
    }
    if (command.length() > MAX_COMMAND_LENGTH) {
      throw CellException.invalid(
          "invalid_command", "the command is longer than " + MAX_COMMAND_LENGTH + " characters");
    }
    Duration timeout = options.timeout().orElse(env.config().defaultShellTimeout());
    if (timeout.isNegative()
        || timeout.isZero()
        || timeout.compareTo(env.config().maxShellTimeout()) > 0) {
      throw CellException.invalid(
          "invalid_timeout",
          "timeout must be between 1 ms and " + env.config().maxShellTimeout().toMillis() + " ms");
    }
    return use(
        h -> {
          Path cwd = h.files().resolve(options.cwd());
          if (!Files.isDirectory(cwd)) {
            throw CellException.invalid(
                "invalid_cwd", "cwd '" + options.cwd() + "' is not a folder");
          }
          ExecRequest request;
          try {
            request =
                new ExecRequest(
                    command,
                    timeout,
                    options.env(),
                    options.stdin(),
                    h.files().relative(cwd),
                    env.config().shellOutputLimitBytes(),
                    listener);
          } catch (IllegalArgumentException e) {
            throw CellException.invalid("invalid_command", e.getMessage());
          }
          ExecResult result;
          try {
            result = h.sandbox().exec(request);
          } catch (SandboxException e) {
            throw new CellException(
                e.retryable() ? CellException.Kind.UNAVAILABLE : CellException.Kind.INTERNAL,
                "sandbox_failed",
                e.getMessage(),
                e);
          }
          env.log(
              paths,
              "shell exit="
                  + result.exitCode()
                  + " timedOut="
                  + result.timedOut()
                  + " ms="
                  + result.duration().toMillis());
          return new ShellResult(
              result.stdout(),
              result.stderr(),
              result.exitCode(),
              result.timedOut(),
              result.truncated(),
              result.duration());
        });
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
