package dev.oncell.runtime.internal;

import java.nio.file.Path;
import java.util.List;

/** The on-disk layout of one cell: {@code cells/<id>/{work,data,index,logs}}. */
record CellPaths(Path root, Path work, Path data, Path index, Path logs) {

  static CellPaths of(Path home, String id) {
    Path root = home.resolve("cells").resolve(id);
    return new CellPaths(
        root,
        root.resolve("work"),
        root.resolve("data"),
        root.resolve("index"),
        root.resolve("logs"));
  }

  List<Path> folders() {
    return List.of(work, data, index, logs);
  }

  Path database() {
    return data.resolve("cell");
  }

  Path journals() {
    return data.resolve("journal");
  }

  Path journal(String runId) {
    return journals().resolve(runId + ".log");
  }

  Path log() {
    return logs.resolve("cell.log");
  }
}
