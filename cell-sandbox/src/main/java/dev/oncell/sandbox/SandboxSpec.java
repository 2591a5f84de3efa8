package dev.oncell.sandbox;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What a sandbox is made of.
 *
 * @param id the cell's id, unique on this host; names its cgroup and container
 * @param workDir the cell's work folder on the host, mounted writable at {@code /work}
 * @param stateDir a host folder private to the backend for this cell (bundle, disk image); never
 *     visible inside the sandbox
 * @param limits CPU, memory, processes and disk
 * @param egressSocket the unix socket of the cell's egress proxy on the host; empty when egress is
 *     blocked. Inside the sandbox it is reached as {@code HTTP_PROXY}/{@code HTTPS_PROXY}.
 */
public record SandboxSpec(
    String id, Path workDir, Path stateDir, SandboxLimits limits, Optional<Path> egressSocket) {

  private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");

  public SandboxSpec {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(workDir, "workDir");
    Objects.requireNonNull(stateDir, "stateDir");
    Objects.requireNonNull(limits, "limits");
    Objects.requireNonNull(egressSocket, "egressSocket");
    if (!ID.matcher(id).matches()) {
      throw new SandboxException("invalid sandbox id '" + id + "'", false);
    }
    if (!Files.isDirectory(workDir)) {
      throw new SandboxException("work folder does not exist: " + workDir, false);
    }
    workDir = workDir.toAbsolutePath().normalize();
    stateDir = stateDir.toAbsolutePath().normalize();
    if (stateDir.startsWith(workDir)) {
      throw new SandboxException("the state folder must not be inside the work folder", false);
    }
  }

  /** Default limits, no egress, state in a {@code sandbox} folder beside the work folder. */
  public static SandboxSpec of(String id, Path workDir) {
    return new SandboxSpec(
        id,
        workDir,
        workDir.toAbsolutePath().normalize().resolveSibling("sandbox"),
        SandboxLimits.defaults(),
        Optional.empty());
  }

  public SandboxSpec withLimits(SandboxLimits value) {
    return new SandboxSpec(id, workDir, stateDir, value, egressSocket);
  }

  public SandboxSpec withEgressSocket(Path value) {
    return new SandboxSpec(id, workDir, stateDir, limits, Optional.of(value));
  }
}
