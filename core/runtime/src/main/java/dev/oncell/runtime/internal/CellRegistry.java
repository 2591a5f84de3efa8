package dev.oncell.runtime.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.oncell.runtime.Cell;
import dev.oncell.runtime.CellException;
import dev.oncell.runtime.CellInfo;
import dev.oncell.runtime.CellState;
import dev.oncell.runtime.Cells;
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
import java.util.logging.Logger;
import java.util.regex.Pattern;

/**
 * The cells of this host. The control plane is the record; this map holds one {@link LiveCell} per
 * recorded cell. Creation writes the row first (CREATING) and the folders second; deletion removes
 * the folders first and the row last; {@link #recover} finishes either after a crash.
 */
final class CellRegistry implements Cells {

  private static final Logger LOG = Logger.getLogger(CellRegistry.class.getName());
  static final Pattern CUSTOMER_ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");

  private final CellEnvironment env;
  private final ConcurrentMap<String, LiveCell> cells = new ConcurrentHashMap<>();

  CellRegistry(CellEnvironment env) {
    this.env = env;
  }

  /** Loads every recorded cell and finishes transitions a crash interrupted. */
  void recover() {
    for (CellInfo info : env.controlPlane().customers()) {
      CellPaths paths = paths(info.id());
      switch (info.state()) {
        case DELETING -> {
          removeFiles(paths);
          env.controlPlane().deleteCustomer(info.id());
          LOG.info("finished deleting cell " + info.id());
          continue;
        }
        case CREATING, WAKING -> {
          makeFolders(paths);
          env.controlPlane().updateState(info.id(), CellState.ACTIVE, now());
          info = withState(info, CellState.ACTIVE);
        }
        case PAUSING -> {
          env.controlPlane().updateState(info.id(), CellState.PAUSED, now());
          info = withState(info, CellState.PAUSED);
        }
        case ACTIVE, PAUSED, FAILED -> {}
      }
      cells.put(info.id(), new LiveCell(info, paths, env));
    }
  }

  private static CellInfo withState(CellInfo info, CellState state) {
    return new CellInfo(
        info.id(), state, info.agent(), info.config(), info.createdAt(), info.lastActiveAt());
  }

  @Override
  public CellInfo create(String id, JsonNode config) {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(config, "config");
    checkId(id);
    if (!config.isObject()) {
      throw CellException.invalid("invalid_config", "config must be a JSON object");
    }
    Instant now = now();
    CellInfo info = new CellInfo(id, CellState.CREATING, Optional.empty(), config, now, now);
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
    env.controlPlane().updateState(id, CellState.ACTIVE, now);
    LiveCell cell = new LiveCell(withState(info, CellState.ACTIVE), paths, env);
    cells.put(id, cell);
    env.log(paths, "created");
    return cell.info();
  }

  static void checkId(String id) {
    if (!CUSTOMER_ID.matcher(id).matches()) {
      throw CellException.invalid(
          "invalid_customer_id",
          "customer id '"
              + (id.length() > 80 ? id.substring(0, 80) + "..." : id)
              + "' must match [a-z0-9][a-z0-9-]{0,62}");
    }
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
  public Cell cell(String id) {
    return live(id);
  }

  private LiveCell live(String id) {
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
    live(id).delete();
    cells.remove(id);
  }

  /** Closes every cell's handles; recorded states stay as they are. */
  void releaseAll() {
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

  static void removeFiles(CellPaths paths) {
    try {
      WorkFolder.deleteTree(paths.root());
    } catch (IOException e) {
      throw CellException.internal("cannot remove " + paths.root() + ": " + e.getMessage(), e);
    }
  }
}
