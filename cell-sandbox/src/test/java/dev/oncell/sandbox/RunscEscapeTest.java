package dev.oncell.sandbox;

import java.nio.file.Path;

/** Every escape attempt fails under gVisor. */
class RunscEscapeTest extends EscapeAttempts {

  @Override
  protected SandboxBackend backend(Path runtimeDir) {
    return SandboxBackend.gvisor(runtimeDir);
  }
}
