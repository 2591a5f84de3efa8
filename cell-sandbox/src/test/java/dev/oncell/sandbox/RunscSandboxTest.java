package dev.oncell.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The isolation contract for gVisor, plus what a long-lived sandbox per cell adds. */
class RunscSandboxTest extends IsolatedSandboxContract {

  @Override
  protected SandboxBackend backend(Path runtimeDir) {
    return SandboxBackend.gvisor(runtimeDir);
  }

  @Override
  protected int maxVisibleProcesses() {
    // The command's own PID namespace: the shell, ls and grep (tini and the idle process are
    // outside it).
    return 6;
  }

  private List<String> runscProcessesOf(String containerPart) {
    return ProcessHandle.allProcesses()
        .map(p -> p.info().commandLine().orElse(""))
        .filter(cmd -> cmd.contains("runsc") && cmd.contains(containerPart))
        .toList();
  }

  /** runsc's own state folder, which the backend links from the runtime folder. */
  private Path runscRoot() {
    try {
      return tmp.resolve("runtime/runsc").toRealPath();
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void theSandboxLivesBetweenCommandsAndItsTmpIsPrivate() throws IOException {
    assertThat(run("echo kept > /tmp/mark").exitCode()).isZero();
    assertThat(run("cat /tmp/mark").stdout()).isEqualTo("kept\n");
    Path otherWork = Files.createDirectories(tmp.resolve("cells/b/work"));
    try (Sandbox other = backend(tmp.resolve("runtime")).open(SandboxSpec.of("b", otherWork))) {
      ExecResult result =
          other.exec(ExecRequest.of("cat /tmp/mark || echo absent", Duration.ofSeconds(20)));
      assertThat(result.stdout()).as("cell b must not see cell a's /tmp").isEqualTo("absent\n");
    }
  }

  @Test
  void closeLeavesNoContainerAndNoProcess() {
    run("true");
    assertThat(runscProcessesOf(runscRoot().toString())).as("running sandbox").isNotEmpty();
    sandbox.close();
    // close() only kills; the container is deleted in the background, which release() awaits.
    backend(tmp.resolve("runtime")).release(SandboxSpec.of("a", work));
    assertThat(runscProcessesOf(runscRoot().toString())).as("after close").isEmpty();
    assertThat(runscRoot()).isEmptyDirectory();
  }

  @Test
  void aKilledSandboxIsRestartedByTheNextCommand() {
    assertThat(run("echo before > /tmp/mark").exitCode()).isZero();
    ProcessHandle.allProcesses()
        .filter(p -> p.info().commandLine().orElse("").contains(runscRoot().toString()))
        .filter(p -> p.info().commandLine().orElse("").contains(" boot "))
        .forEach(
            p -> {
              p.destroyForcibly();
              p.onExit().join();
            });
    ExecResult result = run("cat /tmp/mark 2>/dev/null || echo fresh; echo works > w.txt");
    assertThat(result.stdout()).as("a new sandbox, with a new /tmp").isEqualTo("fresh\n");
    assertThat(work.resolve("w.txt")).hasContent("works");
  }

  @Test
  void limitsAreAppliedToTheSandbox() throws IOException {
    Path otherWork = Files.createDirectories(tmp.resolve("cells/c/work"));
    SandboxLimits limits =
        SandboxLimits.defaults().withMemoryBytes(256 * SandboxLimits.MIB).withCpus(1);
    try (Sandbox limited =
        backend(tmp.resolve("runtime")).open(SandboxSpec.of("c", otherWork).withLimits(limits))) {
      ExecResult result =
          limited.exec(ExecRequest.of("grep MemTotal /proc/meminfo", Duration.ofSeconds(20)));
      assertThat(result.stdout()).isEqualTo("MemTotal:         262144 kB\n");
      // And the host's cgroups really hold the limits (cgroup v1 layout). gVisor's nproc shows
      // the host's CPUs whatever the quota, so the CPU limit is only visible here.
      String cgroup = "oncell/" + containerIdOf("c");
      assertThat(cgroupValue("memory", cgroup, "memory.limit_in_bytes"))
          .isEqualTo(String.valueOf(256 * SandboxLimits.MIB));
      assertThat(cgroupValue("cpu", cgroup, "cpu.cfs_quota_us")).isEqualTo("100000");
      assertThat(cgroupValue("cpu", cgroup, "cpu.cfs_period_us")).isEqualTo("100000");
      // The cell's process limit is RLIMIT_NPROC inside gVisor; the host cgroup leaves room for
      // gVisor's own threads above it (twice the limit and 256).
      assertThat(cgroupValue("pids", cgroup, "pids.max"))
          .isEqualTo(String.valueOf(2 * limits.maxProcesses() + 256));
      assertThat(limited.exec(ExecRequest.of("ulimit -u", Duration.ofSeconds(20))).stdout())
          .as("gVisor allows one process more than RLIMIT_NPROC")
          .isEqualTo(limits.maxProcesses() - 1 + "\n");
    }
  }

  @Test
  void aTimeoutLeavesNoProcessInTheSandbox() {
    ExecResult result =
        sandbox.exec(
            ExecRequest.of("(setsid sleep 100 &); sleep 100 & sleep 100", Duration.ofMillis(1000)));
    assertThat(result.timedOut()).isTrue();
    ExecResult ps = run("ls /proc | grep -cE '^[0-9]+$'");
    // Only this command's shell, ls and grep in their own namespace ...
    assertThat(Integer.parseInt(ps.stdout().strip())).isLessThanOrEqualTo(3);
    // ... and in the whole sandbox, seen from the host, nothing named sleep but tini's idle one.
    Process p;
    try {
      p =
          new ProcessBuilder("runsc", "--root=" + runscRoot(), "ps", containerIdOf("a"))
              .redirectErrorStream(true)
              .start();
      String out = new String(p.getInputStream().readAllBytes());
      p.waitFor();
      assertThat(out.lines().filter(l -> l.endsWith(" sleep")).count())
          .as("runsc ps:\n%s", out)
          .isEqualTo(1);
    } catch (IOException e) {
      throw new AssertionError(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  private static String cgroupValue(String controller, String cgroup, String file)
      throws IOException {
    return Files.readString(Path.of("/sys/fs/cgroup", controller, cgroup, file)).strip();
  }

  private String containerIdOf(String cell) {
    try (var files = Files.list(runscRoot())) {
      return files
          .map(f -> f.getFileName().toString())
          .filter(n -> n.startsWith("runsc-") && n.endsWith(".sock"))
          .map(n -> n.substring("runsc-".length(), n.length() - ".sock".length()))
          // <prefix ending in -cell>.<generation>
          .filter(id -> id.matches(".*-" + cell + "\\.[0-9a-z]+"))
          .findFirst()
          .orElseThrow();
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }
}
