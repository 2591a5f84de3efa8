package dev.oncell.runtime.internal;

import dev.oncell.runtime.CellException;
import dev.oncell.sandbox.Sandbox;
import dev.oncell.sandbox.SandboxException;
import dev.oncell.sandbox.SandboxSpec;

/**
 * What an active cell holds open: its database, its sandbox, its resolved work folder, its code
 * index.
 */
record CellHandles(
    CellProfile profile,
    CellDatabase database,
    Sandbox sandbox,
    WorkFolder files,
    CellMemory memory,
    CellIndex index)
    implements AutoCloseable {

  static CellHandles open(CellPaths paths, CellEnvironment env, CellProfile profile) {
    CellDatabase database = CellDatabase.open(paths.database());
    try {
      Sandbox sandbox =
          profile
              .backend()
              .open(
                  new SandboxSpec(
                      paths.id(),
                      paths.work(),
                      paths.sandbox(),
                      profile.limits(),
                      java.util.Optional.empty()));
      WorkFolder files = new WorkFolder(paths.work(), env.config().maxFileReadBytes());
      return new CellHandles(
          profile,
          database,
          sandbox,
          files,
          new CellMemory(database::connection),
          new CellIndex(paths.index(), paths.work(), env.embedder()));
    } catch (SandboxException | java.io.UncheckedIOException e) {
      database.close();
      throw CellException.internal("cannot open the cell's sandbox: " + e.getMessage(), e);
    }
  }

  @Override
  public void close() {
    try {
      index.close();
    } finally {
      try {
        sandbox.close();
      } finally {
        database.close();
      }
    }
  }
}
