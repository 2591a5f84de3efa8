package dev.oncell.sandbox;

import java.nio.file.Path;

/** The egress contract under bubblewrap. */
class BubblewrapEgressTest extends EgressContract {

  @Override
  protected SandboxBackend backend(Path runtimeDir) {
    return SandboxBackend.bubblewrap(runtimeDir);
  }
}
