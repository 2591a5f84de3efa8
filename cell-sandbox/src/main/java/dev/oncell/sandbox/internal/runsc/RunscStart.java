package dev.oncell.sandbox.internal.runsc;

import dev.oncell.sandbox.SandboxException;
import dev.oncell.sandbox.SandboxSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Starts one container of a cell's gVisor sandbox: writes the bundle, then one {@code runsc run
 * --detach}. Measured alternatives (cell-sandbox/README.md): {@code create} + {@code start} is one
 * more runsc process (~20 ms); {@code restore} from a checkpoint is no faster than a cold start.
 */
final class RunscStart {

  /** Where runsc makes each container's host cgroup, under the root of every hierarchy. */
  static final String CGROUP_PARENT = "/oncell/";

  /** A started container: its id and the host PID of its sandbox process. */
  record Running(String id, long pid) {}

  /**
   * How a cell's sandbox names its containers: the cell's prefix, and a fresh generation per start.
   */
  record Ids(String prefix, Supplier<String> generations) {
    String next() {
      return prefix + RunscBackend.GENERATION_SEPARATOR + generations.get();
    }
  }

  private RunscStart() {}

  static Running start(SandboxSpec spec, Runsc runsc, String id, Path etc, String init) {
    Path bundle = spec.stateDir().resolve("bundle");
    try {
      Files.createDirectories(spec.stateDir());
      Path execDir = spec.stateDir().resolve("exec");
      Files.createDirectories(execDir);
      Files.setPosixFilePermissions(execDir, PosixFilePermissions.fromString("rwx------"));
    } catch (IOException e) {
      throw new SandboxException("cannot create " + spec.stateDir(), false, e);
    }
    OciBundle.write(bundle, spec, etc, init, CGROUP_PARENT + id);
    List<String> flags = new ArrayList<>(List.of("--network=none"));
    if (spec.egressSocket().isPresent()) {
      // Lets the sandbox connect to the one host socket mounted in: its egress proxy.
      flags.add("--host-uds=open");
    }
    // The sandbox process's host PID comes from --pid-file: one runsc call less than `state`.
    Path pidFile = spec.stateDir().resolve("sandbox.pid");
    Runsc.Result result =
        Runsc.run(
            runsc.command(
                flags, "run", "--detach", "--pid-file=" + pidFile, "--bundle=" + bundle, id));
    Optional<Long> pid = readPid(pidFile);
    if (result.exitCode() != 0 || pid.isEmpty()) {
      runsc.destroy(id);
      throw new SandboxException(
          "cannot start the gVisor sandbox of cell " + spec.id() + ": " + result.output(), true);
    }
    return new Running(id, pid.get());
  }

  private static Optional<Long> readPid(Path pidFile) {
    try {
      String text = Files.readString(pidFile).strip();
      return text.matches("\\d+") ? Optional.of(Long.parseLong(text)) : Optional.empty();
    } catch (IOException e) {
      return Optional.empty();
    } finally {
      try {
        Files.deleteIfExists(pidFile);
      } catch (IOException e) {
        // rewritten by the next start
      }
    }
  }
}
