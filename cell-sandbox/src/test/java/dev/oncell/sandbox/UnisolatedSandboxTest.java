package dev.oncell.sandbox;

import java.nio.file.Path;

class UnisolatedSandboxTest extends SandboxContract {

  @Override
  protected SandboxBackend backend(Path runtimeDir) {
    return SandboxBackend.none();
  }
}
