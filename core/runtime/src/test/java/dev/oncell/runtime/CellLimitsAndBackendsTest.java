package dev.oncell.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.oncell.agent.ErrorKind;
import dev.oncell.agent.ShellOptions;
import dev.oncell.runtime.fixtures.TestHost;
import dev.oncell.runtime.testagents.OversizedAgent;
import dev.oncell.sandbox.SandboxLimits;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Limits from the agent's CellSpec, the sandbox backend per deployment, and inspecting cells. */
class CellLimitsAndBackendsTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final byte[] OVERSIZED =
      PluginJars.plugin("oversized-plugin", "1.0.0", OversizedAgent.class);

  @RegisterExtension final TestHost oncell = TestHost.create(c -> c.withEmbeddingModel("none"));

  private final Path home = oncell.home();
  private Host host;

  private CellDetails lifecycleCell(String id) {
    CellInfo info =
        host.cells()
            .create(
                new Cells.NewCell(
                    id, JSON.createObjectNode(), Optional.of("lifecycle"), "production"));
    host.runs().await(info.setupRunId().orElseThrow());
    return host.cells().inspect(id);
  }

  @Test
  void autoPicksTheStrongestBackendThatWorksHere() {
    host = oncell.open();
    // scripts/install-system-deps.sh installs gVisor, the strongest backend, so auto picks it.
    assertThat(host.config().sandbox()).isEqualTo("auto");
    assertThat(host.sandboxBackend()).isEqualTo("gvisor");
    assertThat(host.sandboxIsolated()).isTrue();
  }

  @Test
  void anAgentsCellGetsTheLimitsOfItsSpec() {
    host = oncell.open();
    host.deployments().deploy(CellLifecycleTest.LIFECYCLE, "production");
    CellDetails cell = lifecycleCell("acme");
    assertThat(cell.limits()).isEqualTo(new SandboxLimits(1, 512 * SandboxLimits.MIB, 1024, 0));
    assertThat(cell.idleTimeout()).isEqualTo(Duration.ofMinutes(5));
    assertThat(cell.backend()).isEqualTo("gvisor");
  }

  @Test
  void storageBecomesADiskQuotaOnlyWhenTheHostEnforcesQuotas() {
    host =
        oncell.open(
            c -> c.withCells(CellDefaults.defaults().withDiskQuota(true).withMaxProcesses(256)));
    host.deployments().deploy(CellLifecycleTest.LIFECYCLE, "production");
    assertThat(lifecycleCell("acme").limits())
        .isEqualTo(new SandboxLimits(1, 512 * SandboxLimits.MIB, 256, 2 * SandboxLimits.GIB));
  }

  @Test
  void aCellWithoutAnAgentGetsTheDefaults() {
    host = oncell.open();
    host.cells().create("plain", JSON.createObjectNode());
    CellDetails cell = host.cells().inspect("plain");
    assertThat(cell.limits()).isEqualTo(SandboxLimits.defaults());
    assertThat(cell.idleTimeout()).isEqualTo(CellDefaults.defaults().idleTimeout());
    assertThat(cell.info().state()).isEqualTo(CellState.ACTIVE);
  }

  @Test
  void aSpecNoSandboxCanHonourIsRefusedAtDeployTime() {
    host = oncell.open();
    assertThatThrownBy(() -> host.deployments().deploy(OVERSIZED, "production"))
        .isInstanceOfSatisfying(
            CellException.class,
            e -> {
              assertThat(e.code()).isEqualTo("invalid_cell_spec");
              assertThat(e.kind()).isEqualTo(ErrorKind.INVALID);
              assertThat(e.getMessage()).contains("0cpu-4gb").contains("cpus");
            });
    assertThat(host.deployments().list()).as("nothing was deployed").isEmpty();
  }

  @Test
  void aDeploymentNamesItsBackendAndItsCellsRunInIt() {
    host = oncell.open();
    DeploymentInfo d =
        host.deployments().deploy(CellLifecycleTest.LIFECYCLE, "production", Optional.of("none"));
    assertThat(d.sandbox()).contains("none");
    assertThat(host.deployments().sandboxOf(d)).isEqualTo("none");
    CellDetails cell = lifecycleCell("acme");
    assertThat(cell.backend()).isEqualTo("none");
    // Unisolated commands see the host's real root, which bubblewrap would hide.
    assertThat(
            host.cells()
                .cell("acme")
                .shell("test -d " + home + " && echo host", ShellOptions.defaults())
                .stdout())
        .isEqualTo("host\n");
    // The choice is recorded with the deployment: it survives a restart and a promotion.
    host = oncell.restart();
    assertThat(host.cells().inspect("acme").backend()).isEqualTo("none");
    assertThat(host.deployments().promote("production", "staging", Optional.empty()))
        .allSatisfy(p -> assertThat(p.sandbox()).contains("none"));
  }

  @Test
  void anUnknownOrUnavailableBackendIsRefusedAtDeployTime() {
    host = oncell.open();
    for (String name : new String[] {"bogus", "docker"}) {
      assertThatThrownBy(
              () ->
                  host.deployments()
                      .deploy(CellLifecycleTest.LIFECYCLE, "production", Optional.of(name)))
          .as(name)
          .isInstanceOfSatisfying(
              CellException.class,
              e -> {
                assertThat(e.code()).isEqualTo("sandbox_unavailable");
                assertThat(e.getMessage()).contains(name);
              });
    }
    assertThat(host.deployments().list()).isEmpty();
  }

  @Test
  void anUnknownHostBackendStopsTheHostWithAClearError() {
    assertThatThrownBy(() -> oncell.open(c -> c.withSandbox("bogus")))
        .isInstanceOfSatisfying(
            CellException.class,
            e -> {
              assertThat(e.code()).isEqualTo("sandbox_unavailable");
              assertThat(e.getMessage()).contains("bogus");
            });
  }

  @Test
  void inspectMeasuresTheWorkFolderAndAListingReportsTheLastMeasure() {
    host = oncell.open();
    host.cells().create("acme", JSON.createObjectNode());
    Cell cell = host.cells().cell("acme");
    cell.files().write("a.txt", "x".repeat(1000).getBytes(StandardCharsets.UTF_8));
    cell.files().write("src/b.txt", "y".repeat(24).getBytes(StandardCharsets.UTF_8));
    assertThat(host.cells().inspectAll().getFirst().diskUsage()).as("never measured").isEmpty();
    DiskUsage before = host.cells().inspect("acme").diskUsage().orElseThrow();
    assertThat(before.files()).isEqualTo(2);
    try (var sparse =
        new java.io.RandomAccessFile(home.resolve("cells/acme/work/sparse").toFile(), "rw")) {
      sparse.setLength(1L << 30);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    DiskUsage usage = host.cells().inspect("acme").diskUsage().orElseThrow();
    assertThat(usage.files()).isEqualTo(3);
    assertThat(usage.bytes() - before.bytes())
        .as("a sparse file of 1 GiB counts the blocks it occupies, not its apparent size")
        .isLessThan(1 << 20);
    assertThat(host.cells().inspectAll().getFirst().diskUsage()).contains(usage);
    assertThat(host.cells().find("acme").orElseThrow().state())
        .as("inspect does not wake or pause")
        .isEqualTo(CellState.ACTIVE);
  }
}
