package dev.oncell.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
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

  @Test
  void verifySweepsTheCgroupsOfACrashedHost() throws Exception {
    // A host that "crashed": it opened a cell and never closed it; a process is still in it.
    SandboxBackend crashed = SandboxBackend.bubblewrap(tmp.resolve("runtime"));
    crashed.open(spec("leftover", new SandboxLimits(1, 256 * SandboxLimits.MIB, 64, 0)));
    List<Path> cellGroups;
    try (var groups = Files.list(Path.of("/sys/fs/cgroup/pids"))) {
      cellGroups =
          groups
              .filter(p -> p.getFileName().toString().startsWith("oncell-"))
              .map(p -> p.resolve("leftover"))
              .filter(Files::isDirectory)
              .toList();
    }
    assertThat(cellGroups).hasSize(1);
    Process straggler = new ProcessBuilder("sleep", "300").start();
    try {
      Files.writeString(cellGroups.getFirst().resolve("cgroup.procs"), straggler.pid() + "");

      SandboxBackend.bubblewrap(tmp.resolve("runtime")).verify();

      assertThat(straggler.waitFor(30, TimeUnit.SECONDS)).as("the straggler is killed").isTrue();
      assertThat(cellGroups.getFirst()).as("the stale cgroup is removed").doesNotExist();
    } finally {
      straggler.destroyForcibly();
    }
  }

  @Test
  void refusesFilesInTheWorkFolderThatAreNotInTheDiskImage() throws IOException {
    SandboxSpec spec = spec("stray", new SandboxLimits(1, 256 * SandboxLimits.MIB, 64, 32 << 20));
    backend.open(spec).close();
    backend.release(spec);
    Files.writeString(spec.workDir().resolve("stray.txt"), "written while unmounted");
    assertThatThrownBy(() -> backend.open(spec))
        .isInstanceOf(SandboxException.class)
        .hasMessageContaining("move them away");
    assertThat(spec.workDir().resolve("stray.txt")).as("nothing is deleted").exists();
  }
}
