package dev.oncell.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oncell.runtime.PluginJars;
import dev.oncell.runtime.fixtures.SmallDisk;
import dev.oncell.runtime.fixtures.TestHost;
import dev.oncell.runtime.testagents.EchoAgent;
import dev.oncell.server.RunningServer.Reply;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/**
 * A full disk, on a real server whose ONCELL_HOME is a small tmpfs mounted by the test (so it runs
 * as root, and is skipped otherwise). The disk is filled from a cell's shell and directly; every
 * write then fails with 507 {@code disk_full} and changes nothing; once space is freed every store
 * works again at once, without a pause or a restart; and every write that was acknowledged is still
 * there after a restart of the host.
 */
@org.junit.jupiter.api.Tag("abuse")
class DiskFullTest {

  private static final byte[] ECHO = PluginJars.plugin("echo-plugin", "1.0.0", EchoAgent.class);
  private static final String ECHO_INPUT =
      "{\"customer\":\"runner\",\"input\":{\"text\":\"hi\",\"times\":1}}";

  @TempDir static Path temp;
  private static SmallDisk disk;
  private static Path mount;
  private static RunningServer api;

  @BeforeAll
  static void mountSmallDisk() throws Exception {
    disk = SmallDisk.mount(temp.resolve("disk"), "24m");
    mount = disk.path();
  }

  @AfterAll
  static void unmount() throws Exception {
    try {
      if (api != null) {
        api.close();
      }
    } finally {
      if (disk != null) {
        disk.close();
      }
    }
  }

  private static String sandbox;

  /** A host for this backend in a home on the small disk, which {@link #removeHome} removes. */
  private static TestHost onTheSmallDisk() {
    return TestHost.at(
        mount.resolve("home-" + sandbox), c -> c.withSandbox(sandbox).withEmbeddingModel("none"));
  }

  /** The next backend starts on an empty disk: the last one's server stops and its home goes. */
  @org.junit.jupiter.api.AfterEach
  void removeHome() throws Exception {
    if (api != null) {
      api.close();
      api = null;
    }
    if (sandbox != null) {
      dev.oncell.sandbox.fs.CellDir.removeAll(mount.resolve("home-" + sandbox));
    }
  }

  @org.junit.jupiter.params.ParameterizedTest(name = "{0}")
  @org.junit.jupiter.params.provider.ValueSource(strings = {"none", "bubblewrap", "auto"})
  void aFullDiskFailsWritesCleanlyAndEveryStoreRecoversWhenSpaceReturns(String backend)
      throws Exception {
    sandbox = backend;
    long seed = new Random().nextLong();
    System.out.println("DiskFullTest seed " + seed);
    Random random = new Random(seed);
    api = new RunningServer(onTheSmallDisk());
    assertThat(api.post("/v1/customers", "{\"id\":\"acme\"}").status()).isEqualTo(201);
    Map<String, String> acknowledged = new LinkedHashMap<>();
    put(acknowledged, "before", "{\"v\":\"before\"}");
    assertThat(api.put("/v1/customers/acme/files/kept.txt", "kept").status()).isEqualTo(200);
    assertThat(api.call("POST", "/v1/deployments?env=production", ECHO, RunningServer.KEY).status())
        .isEqualTo(201);
    Reply runner = api.post("/v1/customers?wait=true", "{\"id\":\"runner\",\"agent\":\"echo\"}");
    assertThat(runner.json().path("state").asText()).as(runner.body()).isEqualTo("ACTIVE");

    // Filled from the cell, then to the last byte directly.
    Reply dd = api.shell("acme", "dd if=/dev/zero of=fill bs=64k 2>&1; echo done");
    assertThat(dd.json().path("stdout").asText()).contains("No space left on device");
    Path filler = fillTheRest();
    Path secretsKey = api.home.resolve("secrets.key");

    Reply secret = api.put("/v1/secrets/OPENAI_API_KEY", "{\"value\":\"sk-0123456789abcdef\"}");
    assertDiskFull(secret, "a secret on a full disk");
    assertThat(secretsKey).as("no 0-byte (or partial) secrets.key is left behind").doesNotExist();
    String credential = "{\"host\":\"github.com\",\"token\":\"ghp_0123456789abcdef\"}";
    assertDiskFull(api.put("/v1/customers/acme/git/credentials", credential), "a git credential");
    assertThat(secretsKey).as("nor by a git credential").doesNotExist();
    assertDiskFull(api.put("/v1/customers/acme/memory/during", "{\"v\":1}"), "memory");
    assertDiskFull(api.put("/v1/customers/acme/files/new.txt", "x".repeat(100_000)), "files");
    for (int i = 0; i < 3; i++) { // the control plane reopens read-only: reads and keys go on
      assertDiskFull(api.post("/v1/customers", "{\"id\":\"beta\"}"), "a new customer " + i);
      assertThat(api.get("/v1/customers/acme").status()).as("read %s", i).isEqualTo(200);
    }
    Reply run = api.post("/v1/agents/echo", ECHO_INPUT);
    if (run.status() == 200) { // accepted, then failed on its journal
      assertThat(run.json().path("error").path("code").asText())
          .as(run.body())
          .isEqualTo("disk_full");
    } else {
      assertDiskFull(run, "a run");
    }
    for (int i = 0; i < 20; i++) { // more tries while full: each fails, none is half done
      Reply reply = api.put("/v1/customers/acme/memory/k" + random.nextInt(5), "[" + i + "]");
      assertDiskFull(reply, "memory write " + i);
    }

    // Reads go on while the disk is full, and see only what was acknowledged.
    assertThat(api.get("/v1/customers/acme/memory/before").json().path("value").path("v").asText())
        .isEqualTo("before");
    assertThat(api.get("/v1/customers/acme/memory/during").status()).isEqualTo(404);
    assertThat(api.get("/v1/customers/acme/files/kept.txt").body()).isEqualTo("kept");
    assertThat(api.get("/v1/customers/beta").status()).isEqualTo(404);

    // Space returns: everything works at once, without a pause or a restart.
    Files.delete(filler);
    // Freed by the cell, as a customer would (under gVisor a file deleted behind the sandbox's back
    // keeps its blocks while gVisor holds it open).
    Reply rm = api.shell("acme", "rm -f fill && echo removed");
    assertThat(rm.json().path("stdout").asText()).as(rm.body()).contains("removed");
    assertThat(api.home.resolve("cells/acme/work/fill")).doesNotExist();
    Reply again = api.put("/v1/secrets/OPENAI_API_KEY", "{\"value\":\"sk-0123456789abcdef\"}");
    assertThat(again.status()).as(again.body()).isEqualTo(200);
    assertThat(Files.size(secretsKey)).isEqualTo(32);
    Reply stored = api.put("/v1/customers/acme/git/credentials", credential);
    assertThat(stored.status()).as(stored.body()).isEqualTo(200);
    put(acknowledged, "after", "{\"v\":\"after\"}");
    assertThat(api.put("/v1/customers/acme/files/new.txt", "new").status()).isEqualTo(200);
    Reply ran = api.post("/v1/agents/echo", ECHO_INPUT);
    assertThat(ran.json().path("status").asText()).as(ran.body()).isEqualTo("succeeded");
    Reply beta = api.post("/v1/customers", "{\"id\":\"beta\"}");
    assertThat(beta.status()).as(beta.body()).isEqualTo(201);

    // A write larger than what is left fails inside H2, which closes the cell's database; the
    // next call opens it again: no 500s until a pause.
    Path most = fillLeaving(3L << 20);
    String big = "{\"big\":\"" + "x".repeat(6 << 20) + "\"}";
    assertDiskFull(
        api.put("/v1/customers/acme/memory/big", big), "a value larger than the space left");
    Files.delete(most);
    put(acknowledged, "afterBig", "{\"v\":\"afterBig\"}");
    assertThat(api.get("/v1/customers/acme/memory/big").status()).isEqualTo(404);

    // Fill and free a few more times, writing all along; note what was acknowledged.
    for (int round = 0; round < 4; round++) {
      Path more = fillTheRest();
      for (int i = 0; i < 5; i++) {
        String key = "r" + random.nextInt(8);
        Reply reply = api.put("/v1/customers/acme/memory/" + key, "[" + round + "," + i + "]");
        assertDiskFull(reply, "memory in round " + round);
      }
      Files.delete(more);
      for (int i = 0; i < 5; i++) {
        put(acknowledged, "r" + random.nextInt(8), "[" + round + "," + i + ",\"free\"]");
      }
    }

    // A restart of the host loses nothing that was acknowledged.
    api.close();
    api = new RunningServer(onTheSmallDisk());
    for (Map.Entry<String, String> e : acknowledged.entrySet()) {
      Reply get = api.get("/v1/customers/acme/memory/" + e.getKey());
      assertThat(get.status()).as("acknowledged key %s", e.getKey()).isEqualTo(200);
      assertThat(get.json().path("value").toString())
          .as("acknowledged value of %s", e.getKey())
          .isEqualTo(e.getValue());
    }
    assertThat(api.get("/v1/secrets").json().path("secrets").get(0).path("hint").asText())
        .isEqualTo("****cdef");
    assertThat(api.get("/v1/customers/acme/files/new.txt").body()).isEqualTo("new");
    assertThat(api.get("/v1/customers/beta").status()).isEqualTo(200);
  }

  private static void put(Map<String, String> acknowledged, String key, String json) {
    Reply reply = api.put("/v1/customers/acme/memory/" + key, json);
    assertThat(reply.status()).as("memory %s: %s", key, reply.body()).isEqualTo(200);
    acknowledged.put(key, json);
  }

  private static void assertDiskFull(Reply reply, String what) {
    assertThat(reply.status()).as("%s: %s", what, reply.body()).isEqualTo(507);
    assertThat(reply.errorCode()).as(what).isEqualTo("disk_full");
    assertThat(reply.body()).as("no host path in the answer").doesNotContain(mount.toString());
  }

  /** Writes a file next to ONCELL_HOME until about {@code leave} bytes are free. */
  private static Path fillLeaving(long leave) throws IOException {
    Path filler = Files.createTempFile(mount, "filler-", ".bin");
    byte[] block = new byte[4096];
    try (OutputStream out = Files.newOutputStream(filler)) {
      while (Files.getFileStore(mount).getUsableSpace() > leave) {
        out.write(block);
        out.flush();
      }
    }
    return filler;
  }

  /** Writes a file next to ONCELL_HOME until the disk has no byte left. */
  private static Path fillTheRest() throws IOException {
    Path filler = Files.createTempFile(mount, "filler-", ".bin");
    byte[] block = new byte[4096];
    try (OutputStream out = Files.newOutputStream(filler)) {
      while (true) {
        out.write(block);
      }
    } catch (IOException e) {
      assertThat(e.getMessage()).contains("No space left on device");
    }
    try (OutputStream out =
        Files.newOutputStream(filler, java.nio.file.StandardOpenOption.APPEND)) {
      for (int i = 0; i < 4096; i++) {
        out.write(0); // the last partial block
        out.flush();
      }
    } catch (IOException e) {
      // full to the byte
    }
    return filler;
  }
}
