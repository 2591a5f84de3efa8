package dev.oncell.sandbox;

import java.nio.file.Path;

/** Every escape attempt fails under bubblewrap. */
class BubblewrapEscapeTest extends EscapeAttempts {

  @Override
  protected SandboxBackend backend(Path runtimeDir) {
    return SandboxBackend.bubblewrap(runtimeDir);
  }
}
