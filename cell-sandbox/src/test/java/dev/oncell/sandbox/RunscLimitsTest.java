package dev.oncell.sandbox;

import java.nio.file.Path;

/**
 * The limits contract for gVisor: the container's host cgroup holds memory, CPU and processes, the
 * cell's loop-mounted disk is bound in at {@code /work}.
 */
class RunscLimitsTest extends LimitsContract {

  @Override
  protected SandboxBackend backend(Path runtimeDir) {
    return SandboxBackend.gvisor(runtimeDir);
  }
}
