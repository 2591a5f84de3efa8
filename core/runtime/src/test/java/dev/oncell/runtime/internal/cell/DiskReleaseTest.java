package dev.oncell.runtime.internal.cell;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.oncell.agent.ShellOptions;
import dev.oncell.runtime.Cell;
import dev.oncell.runtime.CellDefaults;
import dev.oncell.runtime.CellInfo;
import dev.oncell.runtime.Cells;
import dev.oncell.runtime.Host;
import dev.oncell.runtime.fixtures.TestHost;
import dev.oncell.runtime.internal.egress.EgressTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Cells with a disk quota (a loop-mounted image on the work folder) through the real host: the
 * mount outlives pauses, host shutdown and cell deletion unmount it, a new host mounts it again.
 * Needs root and bubblewrap; checked against {@code /proc/self/mountinfo}.
 */
class DiskReleaseTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @RegisterExtension
  final TestHost oncell =
      TestHost.create(
          c ->
              c.withEmbeddingModel("none")
                  .withSandbox("bubblewrap")
                  .withCells(CellDefaults.defaults().withDiskQuota(true)));

  private final Path home = oncell.home();
  private Host host;

  @BeforeEach
  void open() {
    host = oncell.open();
  }

  private Path work(String id) throws IOException {
    return home.resolve("cells").resolve(id).resolve("work").toRealPath();
  }

  /** Whether something is mounted exactly on {@code folder}. */
  static boolean mounted(Path folder) throws IOException {
    String target = folder.toString().replace("\\", "\\134").replace(" ", "\\040");
    return Files.readAllLines(Path.of("/proc/self/mountinfo")).stream()
        .map(line -> line.split(" ")[4])
        .anyMatch(target::equals);
  }

  private Cell quotaCell(String id) {
    host.deployments().deploy(EgressTest.LIFECYCLE, "production"); // 2 GB of storage
    CellInfo info =
        host.cells()
            .create(
                new Cells.NewCell(
                    id, JSON.createObjectNode(), Optional.of("lifecycle"), "production"));
    host.runs().await(info.setupRunId().orElseThrow());
    return host.cells().cell(id);
  }

  private static String sh(Cell cell, String command) {
    return cell.shell(command, ShellOptions.defaults()).stdout();
  }

  @Test
  void theDiskSurvivesPausesAndHostRestartsAndGoesWithTheCell() throws IOException {
    Cell acme = quotaCell("acme");
    assertThat(sh(acme, "echo kept > kept.txt && df -k --output=size /work | tail -1").trim())
        .as("the work folder is a filesystem of about the quota")
        .matches("\\d+")
        .satisfies(kib -> assertThat(Long.parseLong(kib)).isBetween(1_900_000L, 2_100_000L));
    Path work = work("acme");
    assertThat(mounted(work)).isTrue();

    host.cells().pause("acme");
    assertThat(mounted(work)).as("the mount outlives a pause").isTrue();
    assertThat(sh(acme, "cat kept.txt")).isEqualTo("kept\n");

    oncell.stop();
    assertThat(mounted(work)).as("host shutdown releases every disk").isFalse();
    open();
    assertThat(sh(host.cells().cell("acme"), "cat kept.txt"))
        .as("a new host mounts the image again")
        .isEqualTo("kept\n");
    assertThat(mounted(work)).isTrue();

    host.cells().delete("acme");
    assertThat(mounted(work)).as("deletion unmounts before removing").isFalse();
    assertThat(home.resolve("cells/acme")).doesNotExist();
  }

  @Test
  void aPausedCellIsDeletedWithItsDisk() throws IOException {
    Cell acme = quotaCell("acme");
    sh(acme, "head -c 1000000 /dev/zero > blob");
    Path work = work("acme");
    host.cells().pause("acme");
    assertThat(mounted(work)).isTrue();
    host.cells().delete("acme");
    assertThat(mounted(work)).isFalse();
    assertThat(home.resolve("cells/acme")).doesNotExist();
  }
}
