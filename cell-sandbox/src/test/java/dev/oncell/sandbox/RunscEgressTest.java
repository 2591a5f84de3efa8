package dev.oncell.sandbox;

import java.nio.file.Path;

/** The egress contract under gVisor: the bridge listens on the sandbox's own netstack loopback. */
class RunscEgressTest extends EgressContract {

  @Override
  protected SandboxBackend backend(Path runtimeDir) {
    return SandboxBackend.gvisor(runtimeDir);
  }
}
