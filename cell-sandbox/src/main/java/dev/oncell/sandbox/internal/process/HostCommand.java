package dev.oncell.sandbox.internal.process;

import dev.oncell.sandbox.SandboxException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs a host tool the backend needs (mount, mkfs.ext4, resize2fs) and turns its failure into a
 * {@link SandboxException} that names the tool, its output and the Debian package it comes from.
 */
public final class HostCommand {

  private static final long TIMEOUT_SECONDS = 120;

  private HostCommand() {}

  /** Runs the command; fails unless it exits with one of {@code okCodes} (0 when none given). */
  public static String run(String pkg, List<String> command, int... okCodes) {
    String tool = command.getFirst();
    if (!onPath(tool)) {
      throw new SandboxException(
          tool
              + " is not installed: run scripts/install-system-deps.sh as root, or apt-get install "
              + pkg,
          false);
    }
    try {
      Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
      p.getOutputStream().close();
      byte[] out = p.getInputStream().readAllBytes();
      if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new SandboxException(String.join(" ", command) + " did not finish in time", true);
      }
      String output = new String(out, StandardCharsets.UTF_8).strip();
      int code = p.exitValue();
      if (code != 0 && !contains(okCodes, code)) {
        throw new SandboxException(
            String.join(" ", command) + " failed (exit " + code + "): " + output, false);
      }
      return output;
    } catch (IOException e) {
      throw new SandboxException("cannot run " + tool + ": " + e.getMessage(), false, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SandboxException("interrupted while running " + tool, true, e);
    }
  }

  private static boolean contains(int[] codes, int code) {
    for (int c : codes) {
      if (c == code) {
        return true;
      }
    }
    return false;
  }

  private static boolean onPath(String tool) {
    for (String dir : List.of("/usr/sbin", "/usr/bin", "/sbin", "/bin")) {
      if (Files.isExecutable(Path.of(dir, tool))) {
        return true;
      }
    }
    return false;
  }
}
