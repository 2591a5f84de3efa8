package dev.oncell.sandbox;

import java.nio.file.Path;

/** The isolation contract for bubblewrap. */
class BubblewrapSandboxTest extends IsolatedSandboxContract {

  @Override
  protected SandboxBackend backend(Path runtimeDir) {
    return SandboxBackend.bubblewrap(runtimeDir);
  }

  @Override
  protected int maxVisibleProcesses() {
    // bwrap's init, the shell, ls and grep.
    return 6;
  }
}
