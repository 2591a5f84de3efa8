package dev.oncell.sandbox.internal.process;

import dev.oncell.sandbox.SandboxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** The shell and the clean environment every backend starts commands with. */
public final class Shells {

  private Shells() {}

  /** bash when the host has it (what agents' commands usually assume), else POSIX sh. */
  public static String hostShell() {
    for (String candidate : new String[] {"/bin/bash", "/usr/bin/bash", "/bin/sh"}) {
      if (Files.isExecutable(Path.of(candidate))) {
        return candidate;
      }
    }
    throw new SandboxException("no shell found at /bin/bash or /bin/sh", false);
  }

  /** The only variables a command sees besides its request's: nothing from the host. */
  public static Map<String, String> baseEnvironment(String home) {
    return Map.of(
        "PATH", "/usr/local/bin:/usr/bin:/bin:/usr/sbin:/sbin",
        "HOME", home,
        "LANG", "C.UTF-8",
        "USER", "cell",
        "TERM", "dumb");
  }
}
