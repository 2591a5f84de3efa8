package dev.oncell.runtime.internal.cell;

import com.fasterxml.jackson.databind.JsonNode;
import dev.oncell.agent.ErrorKind;
import dev.oncell.runtime.Cell;
import dev.oncell.runtime.CellDetails;
import dev.oncell.runtime.CellException;
import dev.oncell.runtime.CellInfo;
import dev.oncell.runtime.CellState;
import dev.oncell.runtime.Cells;
import dev.oncell.runtime.Deployments;
import dev.oncell.runtime.DiskUsage;
import dev.oncell.runtime.internal.store.CustomerIds;
import dev.oncell.runtime.internal.store.Json;
import dev.oncell.sandbox.fs.CellDir;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Pattern;

/**
 * The cells of this host. The control plane is the record; this map holds one {@link LiveCell} per
 * recorded cell. Creation writes the row first (CREATING) and the folders second; deletion removes
 * the folders first and the row last; {@link #recover} finishes either after a crash.
 */
public final class CellRegistry implements Cells {

  private static final Logger LOG = Logger.getLogger(CellRegistry.class.getName());
  static final Pattern CUSTOMER_ID = CustomerIds.PATTERN;

  /** Starts an agent's setup in a new cell; returns the run's id. */
  public interface SetupLauncher {
    String start(LiveCell cell);
  }

  private final CellEnvironment env;
  private final Deployments deployments;
  private final ConcurrentMap<String, LiveCell> cells = new ConcurrentHashMap<>();
  private volatile SetupLauncher setups =
      cell -> {
        throw new IllegalStateException("setup launcher not wired");
      };

  public CellRegistry(CellEnvironment env, Deployments deployments) {
    this.env = env;
    this.deployments = deployments;
  }

  private volatile Consumer<String> beforeDelete = id -> {};
  private volatile Consumer<String> afterDelete = id -> {};

  public void setupLauncher(SetupLauncher launcher) {
    this.setups = launcher;
  }

  /** What else must go with a cell: its run is cancelled before, its records removed after. */
  public void deletionHooks(Consumer<String> before, Consumer<String> after) {
    this.beforeDelete = before;
    this.afterDelete = after;
  }

  /**
   * Loads every recorded cell and finishes transitions a crash interrupted. No single cell can stop
   * the host: a cell whose row cannot be read or whose recovery step fails (a deletion that cannot
   * finish, folders that cannot be made) is logged once with the reason and quarantined: it serves
   * no call ({@code cell_deleting} or {@code cell_quarantined}, 409) until a DELETE succeeds, and
   * its recorded state stays so that the next start tries again. Every other cell is served.
   */
  public void recover() {
    for (String id : env.controlPlane().customerIds()) {
      CellInfo info;
      try {
        info = env.controlPlane().customer(id).orElse(null);
      } catch (RuntimeException e) {
        quarantined(unreadable(id), "cannot load its record: " + e.getMessage(), e);
        continue;
      }
      if (info == null) {
        continue; // deleted since the ids were read
      }
      try {
        recover(info);
      } catch (RuntimeException e) {
        quarantined(
            info, "cannot recover it from state " + info.state() + ": " + e.getMessage(), e);
      }
    }
  }

  private void recover(CellInfo recorded) {
    CellInfo info = recorded;
    CellPaths paths = paths(info.id());
    switch (info.state()) {
      case DELETING -> {
        // A crash leaves mounts behind: unmount the disk before removing what is on it.
        CellHandles.release(paths, env.profiles().of(info));
        removeFiles(paths);
        env.controlPlane().deleteCustomer(info.id());
        LOG.info("finished deleting cell " + info.id());
        return;
      }
      case CREATING -> {
        makeFolders(paths);
        if (info.agent().isEmpty()) {
          env.controlPlane().updateState(info.id(), CellState.ACTIVE, now());
          info = info.withState(CellState.ACTIVE);
        }
        // With an agent it stays CREATING: its setup run is resumed (or started) by the runs.
      }
      case WAKING, PAUSING -> {
        env.controlPlane().updateState(info.id(), CellState.PAUSED, now());
        info = info.withState(CellState.PAUSED);
      }
      case ACTIVE, PAUSED, FAILED -> {}
    }
    cells.put(info.id(), new LiveCell(info, paths, env));
  }

  private void quarantined(CellInfo info, String reason, RuntimeException e) {
    LOG.log(
        Level.SEVERE,
        "cell " + info.id() + " is quarantined, the host serves the others: " + reason,
        e);
    LiveCell cell = new LiveCell(info, paths(info.id()), env);
    cell.quarantine(reason);
    cells.put(info.id(), cell);
  }

  /** What is known of a cell whose record cannot be read: its id. */
  private CellInfo unreadable(String id) {
    Instant now = now();
    return new CellInfo(
        id,
        CellState.FAILED,
        Optional.empty(),
        "production",
        Json.MAPPER.createObjectNode(),
        Optional.empty(),
        Optional.empty(),
        now,
        now);
  }

  @Override
  public CellInfo create(NewCell request) {
    Objects.requireNonNull(request, "request");
    String id = request.id();
    JsonNode config = request.config();
    checkId(id);
    if (!config.isObject()) {
      throw CellException.invalid("invalid_config", "config must be a JSON object");
    }
    checkEnv(request.env());
    if (request.agent().isPresent()) {
      String agent = request.agent().get();
      if (deployments.active(agent, request.env()).isEmpty()) {
        throw CellException.invalid(
            "unknown_agent",
            "no agent named '"
                + agent
                + "' is deployed to "
                + request.env()
                + (deployments.active(agent, "staging").isPresent()
                        && !request.env().equals("staging")
                    ? "; it is in staging: promote it with 'oncell promote staging "
                        + request.env()
                        + "'"
                    : ""));
      }
    }
    Instant now = now();
    CellInfo info =
        new CellInfo(
            id,
            CellState.CREATING,
            request.agent(),
            request.env(),
            config,
            Optional.empty(),
            Optional.empty(),
            now,
            now);
    if (!env.controlPlane().insertCustomer(info)) {
      throw CellException.conflict("customer_exists", "customer '" + id + "' already exists");
    }
    CellPaths paths = paths(id);
    try {
      makeFolders(paths);
    } catch (RuntimeException e) {
      removeFiles(paths);
      env.controlPlane().deleteCustomer(id);
      throw e;
    }
    if (request.agent().isEmpty()) {
      env.controlPlane().updateState(id, CellState.ACTIVE, now);
      info = info.withState(CellState.ACTIVE);
    }
    LiveCell cell = new LiveCell(info, paths, env);
    cells.put(id, cell);
    env.log(paths, "created");
    if (request.agent().isPresent()) {
      cell.setupStarted(setups.start(cell));
    }
    return cell.info();
  }

  public static void checkEnv(String envName) {
    if (!Deployments.ENVIRONMENTS.contains(envName)) {
      throw CellException.invalid(
          "invalid_env",
          "env must be one of " + Deployments.ENVIRONMENTS + ", not '" + envName + "'");
    }
  }

  static void checkId(String id) {
    CustomerIds.check(id);
  }

  @Override
  public Optional<CellInfo> find(String id) {
    return Optional.ofNullable(cells.get(id)).map(LiveCell::info);
  }

  @Override
  public List<CellInfo> list() {
    return cells.values().stream()
        .map(LiveCell::info)
        .sorted(Comparator.comparing(CellInfo::id))
        .toList();
  }

  @Override
  public CellDetails inspect(String id) {
    LiveCell cell = live(id);
    // A cell being deleted or quarantined is not walked: its tree is what made it fail.
    return details(cell, cell.servable() ? Optional.of(cell.measureDisk()) : cell.lastDiskUsage());
  }

  @Override
  public List<CellDetails> inspectAll() {
    return cells.values().stream()
        .sorted(Comparator.comparing(LiveCell::id))
        .map(cell -> details(cell, cell.lastDiskUsage()))
        .toList();
  }

  private static CellDetails details(LiveCell cell, Optional<DiskUsage> disk) {
    CellProfile profile = cell.profile();
    return new CellDetails(
        cell.info(), profile.backend().name(), profile.limits(), profile.idleTimeout(), disk);
  }

  @Override
  public Cell cell(String id) {
    return live(id);
  }

  public LiveCell live(String id) {
    LiveCell cell = cells.get(id);
    if (cell == null) {
      throw CellException.notFound("not_found", "no customer '" + id + "'");
    }
    return cell;
  }

  @Override
  public CellInfo pause(String id) {
    return live(id).pause();
  }

  @Override
  public CellInfo resume(String id) {
    return live(id).wake();
  }

  @Override
  public void delete(String id) {
    LiveCell cell = live(id);
    beforeDelete.accept(id);
    cell.delete();
    cells.remove(id);
    afterDelete.accept(id);
  }

  /** Every cell of this host, for the idle sweep. */
  List<LiveCell> liveCells() {
    return List.copyOf(cells.values());
  }

  /** Closes every cell's handles; recorded states stay as they are. */
  public void releaseAll() {
    cells.values().forEach(LiveCell::release);
  }

  private CellPaths paths(String id) {
    return CellPaths.of(env.config().home(), id);
  }

  private Instant now() {
    return env.clock().instant();
  }

  private static void makeFolders(CellPaths paths) {
    try {
      for (Path folder : paths.folders()) {
        Files.createDirectories(folder);
      }
    } catch (IOException e) {
      throw CellException.internal("cannot create the cell's folders under " + paths.root(), e);
    }
  }

  /**
   * Removes the cell's folders, whatever the cell left in them (see {@link CellDir#removeAll}).
   *
   * @throws CellException {@code delete_failed} (INTERNAL), with a message naming no host path
   */
  static void removeFiles(CellPaths paths) {
    try {
      CellDir.removeAll(paths.root());
    } catch (IOException e) {
      throw new CellException(
          ErrorKind.INTERNAL,
          "delete_failed",
          "cannot remove the files of cell " + paths.id() + ": " + e.getMessage(),
          e);
    }
  }
}
