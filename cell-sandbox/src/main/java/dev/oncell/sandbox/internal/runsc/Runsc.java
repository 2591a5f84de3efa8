package dev.oncell.sandbox.internal.runsc;

import dev.oncell.sandbox.SandboxException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code runsc} command line, always with this backend's own {@code --root} so that it sees and
 * sweeps only its own containers.
 */
final class Runsc {

  /** One process of a container as {@code runsc ps} shows it (sandbox-internal PIDs). */
  record Proc(int uid, int pid, int ppid, String command) {}

  /** Builds before this one have a broken {@code statx}: {@code ls} and {@code stat} fail. */
  static final int OLDEST_USABLE_BUILD = 20230101;

  private static final Pattern VERSION =
      Pattern.compile("runsc version \\D*?(?:[0-9.]+~)?(\\d{8})");
  private static final long TIMEOUT_SECONDS = 30;

  private final Path binary;
  private final Path root;

  Runsc(Path binary, Path root) {
    this.binary = binary;
    this.root = root;
  }

  Path root() {
    return root;
  }

  /** Finds runsc on the PATH and checks that it is recent enough. */
  static Path find() {
    String path = Optional.ofNullable(System.getenv("PATH")).orElse("/usr/bin:/bin");
    for (String dir : (path + ":/usr/sbin:/usr/bin:/bin").split(":")) {
      Path candidate = Path.of(dir.isEmpty() ? "." : dir, "runsc");
      if (Files.isExecutable(candidate)) {
        checkVersion(candidate, run(List.of(candidate.toString(), "--version")).output());
        return candidate;
      }
    }
    throw new SandboxException(
        "gVisor (runsc) is not installed: run scripts/install-system-deps.sh as root, which"
            + " installs it from Debian's bookworm-backports",
        false);
  }

  static void checkVersion(Path binary, String versionOutput) {
    Matcher m = VERSION.matcher(versionOutput);
    if (m.find() && Integer.parseInt(m.group(1)) < OLDEST_USABLE_BUILD) {
      throw new SandboxException(
          binary
              + " is gVisor build "
              + m.group(1)
              + ", too old for this kernel (its statx breaks ls and stat): run"
              + " scripts/install-system-deps.sh as root to install runsc from bookworm-backports",
          false);
    }
  }

  /** A command line starting with {@code runsc --root ...}: global flags, then {@code args}. */
  List<String> command(List<String> globalFlags, String... args) {
    List<String> command = new ArrayList<>();
    command.add(binary.toString());
    command.add("--root=" + root);
    command.addAll(globalFlags);
    command.addAll(List.of(args));
    return command;
  }

  Result call(String... args) {
    return run(command(List.of(), args));
  }

  /** The ids of the containers under this root. */
  List<String> list() {
    Result result = call("list", "--quiet");
    if (result.exitCode() != 0) {
      throw new SandboxException("runsc list failed: " + result.output(), true);
    }
    return result.output().lines().map(String::strip).filter(s -> !s.isEmpty()).toList();
  }

  /** The container's processes; empty when it is gone. */
  List<Proc> ps(String id) {
    Result result = call("ps", id);
    if (result.exitCode() != 0) {
      return List.of();
    }
    List<Proc> procs = new ArrayList<>();
    for (String line : result.output().lines().skip(1).toList()) {
      String[] f = line.strip().split("\\s+");
      if (f.length >= 8 && f[1].matches("\\d+") && f[2].matches("\\d+")) {
        procs.add(
            new Proc(
                f[0].matches("\\d+") ? Integer.parseInt(f[0]) : -1,
                Integer.parseInt(f[1]),
                Integer.parseInt(f[2]),
                f[f.length - 1]));
      }
    }
    return procs;
  }

  void kill(String id, int pid) {
    call("kill", "--pid=" + pid, id, "KILL");
  }

  /** Kills every process of a container (the sandbox itself stays until deleted); quiet. */
  void killAll(String id) {
    call("kill", "--all", id, "KILL");
  }

  /** Kills and deletes a container and its state; quiet when it is already gone. */
  void destroy(String id) {
    call("kill", "--all", id, "KILL");
    call("delete", "--force", id);
  }

  record Result(int exitCode, String output) {}

  static Result run(List<String> command) {
    Path log;
    try {
      log = Files.createTempFile("oncell-runsc-", ".log");
    } catch (IOException e) {
      throw new SandboxException("cannot create a temporary file: " + e.getMessage(), true, e);
    }
    try {
      // Output to a file, not a pipe: `run --detach` leaves the sandbox holding runsc's stdio,
      // and a pipe would then never reach its end.
      Process p =
          new ProcessBuilder(command)
              .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
              .redirectErrorStream(true)
              .redirectOutput(log.toFile())
              .start();
      if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new SandboxException("runsc did not answer within 30 s: " + command, true);
      }
      return new Result(p.exitValue(), Files.readString(log).strip());
    } catch (IOException e) {
      throw new SandboxException(
          "cannot run " + command.getFirst() + ": " + e.getMessage(), false, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SandboxException("interrupted while running runsc", true, e);
    } finally {
      try {
        Files.deleteIfExists(log);
      } catch (IOException e) {
        // a stray temporary file is harmless
      }
    }
  }
}
