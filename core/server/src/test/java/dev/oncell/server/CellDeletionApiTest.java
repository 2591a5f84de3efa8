package dev.oncell.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.oncell.runtime.fixtures.TestHost;
import dev.oncell.server.RunningServer.Reply;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Issue 12's undeletable cell through the HTTP API (default gVisor): a command makes 5,000 nested
 * folders and DELETE still answers 204; a deletion that fails (a tmpfs planted in the cell's
 * folder, root needed) answers 500 {@code delete_failed} without host paths, then every call on
 * that customer gets 409 {@code cell_deleting}, a restarted server serves the other customers, and
 * DELETE succeeds once the obstacle is gone.
 */
@org.junit.jupiter.api.Tag("abuse")
class CellDeletionApiTest {

  @RegisterExtension final TestHost oncell = TestHost.create();
  private final Path home = oncell.home();
  private RunningServer api;
  private Path planted;

  @BeforeEach
  void start() {
    api = new RunningServer(oncell);
  }

  @AfterEach
  void stop() throws Exception {
    api.close();
    if (planted != null) {
      umount(planted);
    }
  }

  private static int run(String... command) throws Exception {
    Process p = new ProcessBuilder(command).inheritIO().start();
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    return p.exitValue();
  }

  private static void umount(Path point) throws Exception {
    run("umount", point.toString());
  }

  @Test
  void aCellWith5000NestedFoldersIsDeletedAndItsIdReused() {
    assertThat(api.post("/v1/customers", "{\"id\":\"acme\"}").status()).isEqualTo(201);
    Reply made = api.shell("acme", "mkdir -p \"$(printf 'd/%.0s' $(seq 5000))\" && find d | wc -l");
    assertThat(made.json().get("stdout").asText().trim()).isEqualTo("5000");

    Reply deleted = api.delete("/v1/customers/acme");

    assertThat(deleted.status()).as(deleted.body()).isEqualTo(204);
    assertThat(home.resolve("cells/acme")).doesNotExist();
    assertThat(api.post("/v1/customers", "{\"id\":\"acme\"}").status()).isEqualTo(201);
    assertThat(api.shell("acme", "ls -A | wc -l").json().get("stdout").asText().trim())
        .isEqualTo("0");
  }

  @Test
  void aCellWhoseDeletionFailedRefusesEveryCallAndDoesNotStopARestart() throws Exception {
    api.post("/v1/customers", "{\"id\":\"acme\"}");
    api.post("/v1/customers", "{\"id\":\"other\"}");
    api.put("/v1/customers/other/files/kept.txt", "kept");
    Path point = Files.createDirectories(home.resolve("cells/acme/data/planted"));
    assumeThat(run("mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", point.toString()))
        .as("mounting needs root")
        .isZero();
    planted = point;

    Reply failed = api.delete("/v1/customers/acme");

    assertThat(failed.status()).isEqualTo(500);
    assertThat(failed.errorCode()).isEqualTo("delete_failed");
    assertThat(failed.body()).doesNotContain(home.toString());
    assertThat(api.get("/v1/customers/acme").json().get("state").asText()).isEqualTo("DELETING");
    Reply shell = api.shell("acme", "touch ran");
    assertThat(shell.status()).isEqualTo(409);
    assertThat(shell.errorCode()).isEqualTo("cell_deleting");
    assertThat(api.get("/v1/customers/acme/files/x").errorCode()).isEqualTo("cell_deleting");
    assertThat(api.put("/v1/customers/acme/memory/k", "1").status()).isEqualTo(409);
    assertThat(api.post("/v1/customers", "{\"id\":\"acme\"}").status()).isEqualTo(409);
    assertThat(home.resolve("cells/acme/work/ran")).doesNotExist();

    api.close();
    api = new RunningServer(oncell); // before the fix: "cannot remove ..." and no server

    assertThat(api.call("GET", "/health", null, null).status()).isEqualTo(200);
    assertThat(api.get("/v1/customers/other/files/kept.txt").body()).isEqualTo("kept");
    assertThat(api.shell("acme", "true").errorCode()).isEqualTo("cell_deleting");
    umount(point);
    planted = null;
    assertThat(api.delete("/v1/customers/acme").status()).isEqualTo(204);
    assertThat(home.resolve("cells/acme")).doesNotExist();
    assertThat(api.post("/v1/customers", "{\"id\":\"acme\"}").status()).isEqualTo(201);
  }
}
