package dev.oncell.runtime.internal.cell;

import dev.oncell.agent.ErrorKind;
import dev.oncell.runtime.CellException;
import dev.oncell.runtime.internal.egress.CellEgress;
import dev.oncell.runtime.internal.mirror.CellRepository;
import dev.oncell.runtime.internal.mirror.UpstreamRoute;
import dev.oncell.runtime.internal.store.CellDatabase;
import dev.oncell.sandbox.EgressProxy;
import dev.oncell.sandbox.Sandbox;
import dev.oncell.sandbox.SandboxException;
import dev.oncell.sandbox.SandboxSpec;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What an active cell holds open: its database, its egress proxy (for a blocked cell, one that
 * serves only its repository's relay), its sandbox, its resolved work folder, its code index. The
 * proxy starts before the sandbox, whose spec names its socket, and stops after it.
 */
public record CellHandles(
    CellProfile profile,
    CellDatabase database,
    Optional<EgressProxy> egress,
    Sandbox sandbox,
    WorkFolder files,
    CellMemory memory,
    CellIndex index,
    CellRepository repository)
    implements AutoCloseable {

  static CellHandles open(CellPaths paths, CellEnvironment env, CellProfile profile) {
    CellDatabase database = CellDatabase.open(paths.database());
    Optional<EgressProxy> egress = Optional.empty();
    CellRepository repository = null;
    try {
      repository =
          new CellRepository(
              paths.id(),
              paths.git(),
              upstreamRoute(paths, env, profile),
              env.gitCredentials(),
              line -> env.log(paths, line),
              profile.limits().diskBytes());
      egress =
          Optional.of(
              CellEgress.start(
                  env.config().home(),
                  paths.id(),
                  profile.network(),
                  line -> env.log(paths, line),
                  Map.of(CellRepository.RELAY_HOST, repository.relayService())));
      Sandbox sandbox =
          profile.backend().open(sandboxSpec(paths, profile, egress.map(EgressProxy::socket)));
      WorkFolder files = new WorkFolder(paths.work(), env.config().maxFileReadBytes());
      return new CellHandles(
          profile,
          database,
          egress,
          sandbox,
          files,
          new CellMemory(database),
          new CellIndex(paths.index(), paths.work(), env.embedder()),
          repository);
    } catch (SandboxException | java.io.UncheckedIOException e) {
      egress.ifPresent(EgressProxy::close);
      closeQuietly(repository);
      database.close();
      throw CellException.internal("cannot open the cell's sandbox: " + e.getMessage(), e);
    } catch (RuntimeException e) {
      egress.ifPresent(EgressProxy::close);
      closeQuietly(repository);
      database.close();
      throw e;
    }
  }

  /**
   * How the host reaches the cell's upstream: through the cell's proxy when its agent allows
   * egress; read-only through the host's own proxy with the operator's allow-list when it is
   * blocked (an air-gapped cell still receives its repository); not at all when the operator allows
   * nothing.
   */
  private static UpstreamRoute upstreamRoute(
      CellPaths paths, CellEnvironment env, CellProfile profile) {
    Path home = env.config().home();
    if (CellEgress.policy(profile.network()).isPresent()) {
      return UpstreamRoute.throughCell(CellEgress.socket(home, paths.id()));
    }
    List<String> operator = env.config().cells().egressAllow();
    return operator.isEmpty()
        ? UpstreamRoute.none()
        : UpstreamRoute.readOnly(
            CellEgress.fetchSocket(home, paths.id()), operator, line -> env.log(paths, line));
  }

  private static void closeQuietly(CellRepository repository) {
    if (repository != null) {
      repository.close();
    }
  }

  /** The sandbox of a cell with {@code profile}: what open and release are given. */
  static SandboxSpec sandboxSpec(CellPaths paths, CellProfile profile, Optional<Path> socket) {
    SandboxSpec spec =
        new SandboxSpec(
            paths.id(), paths.work(), paths.sandbox(), profile.limits(), Optional.empty());
    return socket.map(spec::withEgressSocket).orElse(spec);
  }

  /**
   * Frees what the backend keeps for the cell between opens (unmounts its disk), for deletion and
   * host shutdown. Call it with the handles closed.
   *
   * @throws CellException {@code disk_busy} (UNAVAILABLE) when the disk is still in use, {@code
   *     sandbox_failed} (INTERNAL) for anything else
   */
  static void release(CellPaths paths, CellProfile profile) {
    if (!java.nio.file.Files.isDirectory(paths.work())) {
      return; // nothing can be mounted on a folder that is gone
    }
    try {
      profile.backend().release(sandboxSpec(paths, profile, Optional.empty()));
    } catch (SandboxException e) {
      throw e.retryable()
          ? new CellException(
              ErrorKind.UNAVAILABLE,
              "disk_busy",
              "cannot release the disk of cell " + paths.id() + ": " + e.getMessage(),
              e)
          : new CellException(
              ErrorKind.INTERNAL,
              "sandbox_failed",
              "cannot release the disk of cell " + paths.id() + ": " + e.getMessage(),
              e);
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
        try {
          egress.ifPresent(EgressProxy::close);
        } finally {
          try {
            repository.close();
          } finally {
            database.close();
          }
        }
      }
    }
  }
}
