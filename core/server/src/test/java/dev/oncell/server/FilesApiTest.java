package dev.oncell.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.oncell.runtime.fixtures.TestHost;
import dev.oncell.server.RunningServer.Reply;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class FilesApiTest {

  private static final long LIMIT = 64 * 1024;

  @RegisterExtension final TestHost oncell = TestHost.create();
  private final Path home = oncell.home();
  private RunningServer api;

  @BeforeEach
  void start() {
    api = new RunningServer(oncell, LIMIT);
    api.post("/v1/customers", "{\"id\":\"acme\"}");
    api.post("/v1/customers", "{\"id\":\"globex\"}");
    api.put("/v1/customers/globex/files/secret.txt", "globex secret");
  }

  @AfterEach
  void stop() {
    api.close();
  }

  @Test
  void putGetListDelete() {
    Reply put = api.put("/v1/customers/acme/files/src/app/main.py", "print('hi')\n");
    assertThat(put.status()).isEqualTo(200);
    assertThat(put.json().get("size").asInt()).isEqualTo(12);

    Reply file = api.get("/v1/customers/acme/files/src/app/main.py");
    assertThat(file.body()).isEqualTo("print('hi')\n");
    assertThat(file.raw().headers().firstValue("X-Oncell-Entry")).contains("file");

    Reply dir = api.get("/v1/customers/acme/files/src");
    assertThat(dir.raw().headers().firstValue("X-Oncell-Entry")).contains("directory");
    assertThat(dir.json().get("entries").get(0).get("name").asText()).isEqualTo("app");
    assertThat(dir.json().get("entries").get(0).get("type").asText()).isEqualTo("dir");

    JsonNode root = api.get("/v1/customers/acme/files/").json();
    assertThat(root.get("entries").findValuesAsText("name")).containsExactly("src");

    assertThat(api.delete("/v1/customers/acme/files/src").status()).isEqualTo(409);
    assertThat(api.delete("/v1/customers/acme/files/src?recursive=true").status()).isEqualTo(204);
    assertThat(api.get("/v1/customers/acme/files/src/app/main.py").status()).isEqualTo(404);
    assertThat(api.delete("/v1/customers/acme/files/src").status()).isEqualTo(404);
  }

  @Test
  void aWriteWithAnOldVersionIsRefusedAndOverwritesNothing() {
    Reply put = api.put("/v1/customers/acme/files/doc.txt", "one");
    String v1 = put.json().get("version").asText();
    assertThat(put.raw().headers().firstValue("ETag")).contains('"' + v1 + '"');
    Reply read = api.get("/v1/customers/acme/files/doc.txt");
    assertThat(read.raw().headers().firstValue("ETag"))
        .as("a read gives the version of the bytes it sent")
        .contains('"' + v1 + '"');

    // The cell changes the file behind the editor's back.
    api.shell("acme", "printf two > doc.txt");

    Reply stale = conditionalPut("doc.txt", "mine", "If-Match", '"' + v1 + '"');
    assertThat(stale.status()).isEqualTo(409);
    assertThat(stale.errorCode()).isEqualTo("version_conflict");
    assertThat(stale.json().at("/error/message").asText()).contains("nothing was written");
    assertThat(api.get("/v1/customers/acme/files/doc.txt").body()).isEqualTo("two");

    String v2 =
        api.get("/v1/customers/acme/files/doc.txt")
            .raw()
            .headers()
            .firstValue("ETag")
            .orElseThrow();
    Reply fresh = conditionalPut("doc.txt", "mine", "If-Match", v2);
    assertThat(fresh.status()).isEqualTo(200);
    assertThat(api.get("/v1/customers/acme/files/doc.txt").body()).isEqualTo("mine");
  }

  @Test
  void ofConcurrentWritesFromOneVersionExactlyOneWins() throws Exception {
    String v1 = api.put("/v1/customers/acme/files/race.txt", "base").json().get("version").asText();
    int writers = 8;
    java.util.List<java.util.concurrent.Future<Reply>> replies = new java.util.ArrayList<>();
    try (var pool = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()) {
      java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
      for (int i = 0; i < writers; i++) {
        String body = "writer " + i;
        replies.add(
            pool.submit(
                () -> {
                  go.await();
                  return conditionalPut("race.txt", body, "If-Match", '"' + v1 + '"');
                }));
      }
      go.countDown();
    }
    java.util.List<Reply> done = new java.util.ArrayList<>();
    for (var reply : replies) {
      done.add(reply.get());
    }
    assertThat(done.stream().filter(r -> r.status() == 200))
        .as("one writer saw the version it wrote against")
        .hasSize(1);
    assertThat(done.stream().filter(r -> r.status() == 409)).hasSize(writers - 1);
    String winner =
        done.stream()
            .filter(r -> r.status() == 200)
            .findFirst()
            .orElseThrow()
            .json()
            .get("version")
            .asText();
    assertThat(api.get("/v1/customers/acme/files/race.txt").raw().headers().firstValue("ETag"))
        .as("the file holds the winner's bytes")
        .contains('"' + winner + '"');
  }

  @Test
  void ifNoneMatchStarCreatesOnlyAndIfMatchNeedsTheFile() {
    assertThat(conditionalPut("new.txt", "a", "If-None-Match", "*").status()).isEqualTo(200);
    Reply again = conditionalPut("new.txt", "b", "If-None-Match", "*");
    assertThat(again.status()).isEqualTo(409);
    assertThat(again.errorCode()).isEqualTo("version_conflict");
    assertThat(api.get("/v1/customers/acme/files/new.txt").body()).isEqualTo("a");

    Reply gone = conditionalPut("absent.txt", "b", "If-Match", "*");
    assertThat(gone.status()).isEqualTo(409);
    assertThat(api.get("/v1/customers/acme/files/absent.txt").status()).isEqualTo(404);
  }

  @Test
  void malformedPreconditionsAreRefusedAndWriteNothing() {
    api.put("/v1/customers/acme/files/doc.txt", "one");
    for (String[] header :
        new String[][] {
          {"If-Match", "W/\"abc\""}, {"If-Match", "abc"}, {"If-None-Match", "\"abc\""}
        }) {
      Reply reply = conditionalPut("doc.txt", "mine", header[0], header[1]);
      assertThat(reply.status()).as(header[0] + ": " + header[1]).isEqualTo(400);
      assertThat(reply.errorCode()).isEqualTo("invalid_precondition");
    }
    assertThat(api.get("/v1/customers/acme/files/doc.txt").body()).isEqualTo("one");
  }

  private Reply conditionalPut(String path, String body, String header, String value) {
    try {
      var response =
          java.net.http.HttpClient.newHttpClient()
              .send(
                  java.net.http.HttpRequest.newBuilder(
                          java.net.URI.create(
                              api.server.url() + "/v1/customers/acme/files/" + path))
                      .header("Authorization", "Bearer " + RunningServer.KEY)
                      .header(header, value)
                      .PUT(java.net.http.HttpRequest.BodyPublishers.ofString(body))
                      .build(),
                  java.net.http.HttpResponse.BodyHandlers.ofByteArray());
      return new Reply(
          response.statusCode(),
          new String(response.body(), java.nio.charset.StandardCharsets.UTF_8),
          response);
    } catch (java.io.IOException e) {
      throw new AssertionError(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  @Test
  void binaryContentRoundTrips() {
    byte[] bytes = new byte[4096];
    for (int i = 0; i < bytes.length; i++) {
      bytes[i] = (byte) i;
    }
    api.call("PUT", "/v1/customers/acme/files/blob.bin", bytes, RunningServer.KEY);
    assertThat(api.get("/v1/customers/acme/files/blob.bin").raw().body()).isEqualTo(bytes);
  }

  @Test
  void pathsThatEscapeTheCellNeverReturnAnotherFilesBytes() throws Exception {
    Path controlDb = home.resolve("control/oncell.mv.db");
    assertThat(controlDb).exists();
    // Links made from inside the cell, pointing out of it.
    api.shell("acme", "ln -s " + home.resolve("cells/globex/work/secret.txt") + " to-globex");
    api.shell("acme", "ln -s " + home.resolve("cells/globex/work") + " globex-dir");
    api.shell("acme", "ln -s /etc/passwd passwd");
    api.shell("acme", "ln -s ../../../control control");
    String[] paths = {
      "../../globex/work/secret.txt",
      "%2e%2e/%2e%2e/globex/work/secret.txt",
      "..%2F..%2Fglobex%2Fwork%2Fsecret.txt",
      "%2Fetc%2Fpasswd",
      "to-globex",
      "globex-dir/secret.txt",
      "passwd",
      "control/oncell.mv.db",
      "a/../../..",
    };
    for (String path : paths) {
      Reply reply = api.get("/v1/customers/acme/files/" + path);
      assertThat(reply.status()).as("GET %s", path).isIn(400, 404);
      assertThat(reply.body())
          .as("GET %s", path)
          .doesNotContain("globex secret")
          .doesNotContain("root:");
      Reply write = api.put("/v1/customers/acme/files/" + path, "overwritten");
      assertThat(write.status()).as("PUT %s", path).isIn(400, 404);
      Reply delete = api.delete("/v1/customers/acme/files/" + path);
      // A link of the cell is the cell's own: deleting it removes the link, never its target.
      assertThat(delete.status()).as("DELETE %s", path).isIn(204, 400, 404);
    }
    // A doubled slash is collapsed by the server: the path stays relative to the cell.
    assertThat(api.put("/v1/customers/acme/files//etc/passwd", "mine").status()).isEqualTo(200);
    assertThat(home.resolve("cells/acme/work/etc/passwd")).hasContent("mine");
    assertThat(home.resolve("cells/globex/work/secret.txt")).hasContent("globex secret");
    assertThat(controlDb).exists();
    assertThat(Files.readString(Path.of("/etc/passwd")))
        .doesNotContain("overwritten")
        .doesNotContain("mine");
  }

  @Test
  void anOversizedBodyIs413AndWritesNothing() {
    Reply reply = api.put("/v1/customers/acme/files/big.bin", "x".repeat((int) LIMIT + 1));
    assertThat(reply.status()).isEqualTo(413);
    assertThat(reply.errorCode()).isEqualTo("body_too_large");
    assertThat(home.resolve("cells/acme/work/big.bin")).doesNotExist();

    Reply json = api.put("/v1/customers/acme/memory/big", "\"" + "x".repeat((int) LIMIT) + "\"");
    assertThat(json.status()).isEqualTo(413);
    assertThat(api.get("/v1/customers/acme/memory").json().get("keys")).isEmpty();

    Reply create = api.post("/v1/customers", "{\"id\":\"" + "a".repeat((int) LIMIT) + "\"}");
    assertThat(create.status()).isEqualTo(413);
  }

  @Test
  void aFolderInTheWayIsAConflict() {
    api.put("/v1/customers/acme/files/dir/file.txt", "x");
    assertThat(api.put("/v1/customers/acme/files/dir", "y").status()).isEqualTo(409);
    assertThat(api.put("/v1/customers/acme/files/dir/file.txt/child", "y").status()).isEqualTo(409);
    assertThat(api.get("/v1/customers/acme/files/dir/file.txt").body()).isEqualTo("x");
  }
}
