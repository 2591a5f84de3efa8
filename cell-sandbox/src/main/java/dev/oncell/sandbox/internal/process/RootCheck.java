package dev.oncell.sandbox.internal.process;

import dev.oncell.sandbox.SandboxException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Whether this process runs as root, which mounting and host-wide cgroups need. */
public final class RootCheck {

  private RootCheck() {}

  static boolean isRoot() {
    try {
      // /proc/self belongs to the effective uid of the process reading it.
      return ((Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid")) == 0;
    } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
      return false;
    }
  }

  /** Throws a terminal {@link SandboxException} naming {@code what} needs root. */
  public static void require(String what) {
    if (!isRoot()) {
      throw new SandboxException(
          what + " needs root: run the oncell host as root, or open cells without this limit",
          false);
    }
  }
}
