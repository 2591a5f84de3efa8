package dev.oncell.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oncell.runtime.PluginJars;
import dev.oncell.runtime.fixtures.TestHost;
import dev.oncell.runtime.testagents.LifecycleAgent;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** {@code oncell cells list|inspect} and {@code oncell deploy --sandbox} against a real server. */
class CellsCommandTest {

  @RegisterExtension final TestHost oncell = TestHost.create(c -> c.withEmbeddingModel("none"));

  /** The CLI user's home, and files to deploy. */
  @TempDir Path tmp;

  private LiveCli cli;

  @BeforeEach
  void start() {
    cli = new LiveCli(oncell, tmp.resolve("user"));
  }

  @AfterEach
  void stop() {
    cli.close();
  }

  private Path lifecycleJar() throws Exception {
    Path jar = tmp.resolve("lifecycle.jar");
    Files.write(jar, PluginJars.plugin("lifecycle-plugin", "1.0.0", LifecycleAgent.class));
    return jar;
  }

  @Test
  void listShowsStateBackendLimitsDiskUseAndLastActivityAsATable() {
    assertThat(cli.oncell("customers", "create", "acme").exitCode()).isZero();
    assertThat(
            cli.withStdin("x".repeat(8192), "files", "put", "--customer", "acme", "a.txt")
                .exitCode())
        .isZero();
    cli.oncell("customers", "pause", "acme"); // a pause measures the work folder

    LiveCli.Run list = cli.oncell("cells", "list");

    assertThat(list.exitCode()).as(list.toString()).isZero();
    String[] lines = list.out().split("\n");
    assertThat(lines[0])
        .startsWith("ID")
        .contains("STATE", "BACKEND", "CPUS", "MEMORY", "PROCS", "DISK QUOTA", "DISK USED")
        .contains("LAST ACTIVE");
    assertThat(lines[1].split(" +"))
        .as(list.out())
        .startsWith("acme", "PAUSED", "-", "gvisor", "2", "4.0", "GiB", "1024", "none");
    // Disk use counts allocated blocks: 8 KiB of data fill two 4 KiB blocks exactly.
    assertThat(lines[1]).contains("8.0 KiB");
  }

  @Test
  void inspectShowsWhatTheCellRunsWith() {
    cli.oncell("customers", "create", "acme");
    LiveCli.Run inspect = cli.oncell("cells", "inspect", "acme");
    assertThat(inspect.exitCode()).as(inspect.toString()).isZero();
    assertThat(inspect.out())
        .contains("state     ACTIVE")
        .contains("backend   gvisor")
        .contains("limits    2 cpus, 4.0 GiB memory, 1024 processes, disk quota none")
        .contains("idle      pauses after 30m without calls")
        .contains("disk      0 B in 0 files")
        .contains("active    ");
    LiveCli.Run json = cli.oncell("cells", "inspect", "acme", "--json");
    assertThat(json.out()).contains("\"backend\"").contains("\"diskUsage\"");
  }

  @Test
  void deployNamesTheBackendOfItsCells() throws Exception {
    Path jar = lifecycleJar();
    LiveCli.Run refused =
        cli.oncell("deploy", "--env", "production", "--sandbox", "bogus", jar.toString());
    assertThat(refused.exitCode()).as(refused.toString()).isNotZero();
    assertThat(refused.err()).contains("bogus").contains("sandbox_unavailable");

    LiveCli.Run deployed =
        cli.oncell("deploy", "--env", "production", "--sandbox", "none", "--json", jar.toString());
    assertThat(deployed.exitCode()).as(deployed.toString()).isZero();
    assertThat(deployed.out()).contains("\"backend\" : \"none\"");

    cli.oncell("customers", "create", "acme", "--agent", "lifecycle", "--wait");
    assertThat(cli.oncell("cells", "inspect", "acme").out())
        .contains("backend   none")
        .contains("limits    1 cpus, 512.0 MiB memory")
        .contains("pauses after 5m");
  }
}
