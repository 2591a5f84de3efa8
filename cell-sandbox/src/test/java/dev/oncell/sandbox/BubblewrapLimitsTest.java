package dev.oncell.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The limits contract for bubblewrap, on this host's real cgroups and loop devices. */
class BubblewrapLimitsTest extends LimitsContract {

  @Override
  protected SandboxBackend backend(Path runtimeDir) {
    return SandboxBackend.bubblewrap(runtimeDir);
  }

  @Test
  void everyProcessOfACommandRunsInTheCellsCgroupFromItsStart() throws IOException {
    Sandbox sandbox = open("inside", new SandboxLimits(1, 256 * SandboxLimits.MIB, 64, 0));
    // The sandbox has its own cgroup namespace: its own cgroup shows as the root "/".
    ExecResult result = run(sandbox, "cat /proc/self/cgroup", Duration.ofSeconds(20));
    assertThat(result.stdout().lines())
        .as("cgroup lines of a command: %s", result)
        .filteredOn(l -> l.matches("\\d+:(pids|memory|cpu|0:):.*") || l.startsWith("0::"))
        .allSatisfy(l -> assertThat(l).endsWith(":/"));
  }

  @Test
  void closingRemovesTheCellsCgroup() throws IOException {
    Sandbox sandbox = open("gone", new SandboxLimits(1, 256 * SandboxLimits.MIB, 64, 0));
    run(sandbox, "sleep 30 &", Duration.ofSeconds(20));
    sandbox.close();
    try (var groups = Files.list(Path.of("/sys/fs/cgroup/pids"))) {
      assertThat(groups.map(p -> p.resolve("gone")).filter(Files::exists).toList())
          .as("cell cgroups left after close")
          .isEmpty();
    }
  }
}
