package dev.oncell.sandbox.internal.cgroup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.oncell.sandbox.SandboxException;
import dev.oncell.sandbox.SandboxLimits;
import dev.oncell.sandbox.SandboxUsage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Detection of the cgroup version, and the v2 writer. This host has cgroup v1 (v1 is tested for
 * real by {@code BubblewrapLimitsTest}); the kernel's v2 is not available here, so the v2 writer is
 * tested against a temporary folder laid out like a v2 cgroupfs: the only stand-in in these tests.
 */
class CgroupsTest {

  @TempDir Path root;

  @Test
  void detectsThisHostsCgroups() {
    Cgroups cgroups = Cgroups.detect();
    boolean unified = Files.isRegularFile(Path.of("/sys/fs/cgroup/cgroup.controllers"));
    assertThat(cgroups.version()).isEqualTo(unified ? "v2" : "v1");
  }

  @Test
  void refusesAHostWithoutUsableCgroups() throws IOException {
    Files.createDirectories(root.resolve("cpu"));
    assertThatThrownBy(() -> Cgroups.detect(root))
        .isInstanceOf(SandboxException.class)
        .hasMessageContaining("no usable cgroups")
        .hasMessageContaining("memory")
        .hasMessageContaining("'none' backend");
  }

  @Test
  void refusesV2WithoutTheNeededControllers() throws IOException {
    Files.writeString(root.resolve("cgroup.controllers"), "cpuset cpu io\n");
    assertThatThrownBy(() -> Cgroups.detect(root))
        .isInstanceOf(SandboxException.class)
        .hasMessageContaining("[memory, pids]");
  }

  @Test
  void detectsV1Hierarchies() throws IOException {
    for (String c : Cgroups.CONTROLLERS) {
      Files.createDirectories(root.resolve(c));
      Files.writeString(root.resolve(c).resolve("cgroup.procs"), "");
    }
    // A hybrid host's empty v2 sits at unified/, not at the root: still v1.
    Files.createDirectories(root.resolve("unified"));
    Files.writeString(root.resolve("unified/cgroup.controllers"), "");
    assertThat(Cgroups.detect(root).version()).isEqualTo("v1");
  }

  @Test
  void v2WriterEnablesControllersAndWritesLimits() throws IOException {
    Files.writeString(root.resolve("cgroup.controllers"), "cpuset cpu io memory pids\n");
    Files.writeString(root.resolve("cgroup.subtree_control"), "");
    Path cell = Files.createDirectories(root.resolve("oncell-test/a"));
    // The kernel makes these files with the folder; memory.swap.max only with swap accounting.
    for (String f : new String[] {"cgroup.procs", "memory.swap.max"}) {
      Files.writeString(cell.resolve(f), "");
    }
    Cgroups cgroups = Cgroups.detect(root);
    assertThat(cgroups.version()).isEqualTo("v2");

    CellCgroup cgroup =
        cgroups.create("oncell-test", "a", new SandboxLimits(0.25, 64 * SandboxLimits.MIB, 32, 0));

    assertThat(root.resolve("cgroup.subtree_control")).hasContent("+cpu +memory +pids");
    assertThat(root.resolve("oncell-test/cgroup.subtree_control")).hasContent("+cpu +memory +pids");
    assertThat(cell.resolve("cpu.max")).hasContent("25000 100000");
    assertThat(cell.resolve("memory.max")).hasContent(String.valueOf(64 * SandboxLimits.MIB));
    assertThat(cell.resolve("memory.swap.max")).hasContent("0");
    assertThat(cell.resolve("pids.max")).hasContent("32");
    assertThat(cgroup.procsFiles()).containsExactly(cell.resolve("cgroup.procs"));
  }

  @Test
  void v2UsageReadsTheKernelsFiles() throws IOException {
    Files.writeString(root.resolve("cgroup.controllers"), "cpu memory pids\n");
    CellCgroup cgroup =
        Cgroups.detect(root).create("g", "a", new SandboxLimits(2, 64 * SandboxLimits.MIB, 32, 0));
    Path cell = root.resolve("g/a");
    Files.writeString(cell.resolve("memory.current"), "1048576\n");
    Files.writeString(
        cell.resolve("cpu.stat"), "usage_usec 1500\nuser_usec 1000\nsystem_usec 500\n");
    Files.writeString(cell.resolve("pids.current"), "3\n");
    SandboxUsage usage = cgroup.usage();
    assertThat(usage.memoryBytes()).hasValue(1048576);
    assertThat(usage.memoryLimitBytes()).hasValue(64 * SandboxLimits.MIB);
    assertThat(usage.cpuNanos()).hasValue(1_500_000);
    assertThat(usage.cpuLimit()).hasValue(2.0);
    assertThat(usage.processes()).hasValue(3);
    assertThat(usage.processLimit()).hasValue(32);
    assertThat(usage.diskTotalBytes()).isEmpty();
    Files.writeString(cell.resolve("memory.max"), "max\n");
    assertThat(cgroup.usage().memoryLimitBytes()).as("'max' is no limit").isEmpty();
  }

  @Test
  void groupNamesDifferPerRuntimeFolder() {
    assertThat(Cgroups.groupName(Path.of("/a/runtime")))
        .matches("oncell-[0-9a-f]{10}")
        .isNotEqualTo(Cgroups.groupName(Path.of("/b/runtime")))
        .isEqualTo(Cgroups.groupName(Path.of("/a/x/../runtime")));
  }
}
