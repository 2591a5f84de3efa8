package dev.oncell.runtime.internal.cell;

import java.nio.file.Path;
import java.util.List;

/**
 * The on-disk layout of one cell: {@code cells/<id>/{work,data,index,logs,sandbox,git}}; {@code
 * sandbox} is the sandbox backend's private state (bundle, disk image) and {@code git} the host's
 * bare mirror of the cell's repository ({@code git/repo.git}, only ever opened by the host's JGit);
 * neither is visible in the cell.
 */
public record CellPaths(
    Path root, Path work, Path data, Path index, Path logs, Path sandbox, Path git) {

  static CellPaths of(Path home, String id) {
    Path root = home.resolve("cells").resolve(id);
    return new CellPaths(
        root,
        root.resolve("work"),
        root.resolve("data"),
        root.resolve("index"),
        root.resolve("logs"),
        root.resolve("sandbox"),
        root.resolve("git"));
  }

  List<Path> folders() {
    return List.of(work, data, index, logs, sandbox, git);
  }

  /** The id of the cell: the name of its folder. */
  String id() {
    return root.getFileName().toString();
  }

  Path database() {
    return data.resolve("cell");
  }

  public Path journals() {
    return data.resolve("journal");
  }

  public Path journal(String runId) {
    return journals().resolve(runId + ".log");
  }

  /** The host's bare mirror of the cell's repository. */
  public Path mirror() {
    return git.resolve("repo.git");
  }

  Path log() {
    return logs.resolve("cell.log");
  }
}
