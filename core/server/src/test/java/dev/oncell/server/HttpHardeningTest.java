package dev.oncell.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.oncell.runtime.fixtures.TestHost;
import dev.oncell.server.RunningServer.Reply;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The HTTP layer's minor findings of issue 12, each through the real server. */
@org.junit.jupiter.api.Tag("abuse")
class HttpHardeningTest {

  @RegisterExtension final TestHost oncell = TestHost.create();
  private final Path home = oncell.home();
  private RunningServer api;
  private final List<LogRecord> logged = new ArrayList<>();
  private final Handler capture =
      new Handler() {
        @Override
        public void publish(LogRecord record) {
          synchronized (logged) {
            logged.add(record);
          }
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
      };

  @BeforeEach
  void start() {
    Logger.getLogger("").addHandler(capture);
    capture.setLevel(Level.ALL);
    api = new RunningServer(oncell);
    assertThat(api.post("/v1/customers", "{\"id\":\"acme\"}").status()).isEqualTo(201);
  }

  @AfterEach
  void stop() {
    api.close();
    Logger.getLogger("").removeHandler(capture);
  }

  @Test
  void duplicateJsonKeysAreRefusedAndStoreNothing() {
    Reply memory = api.put("/v1/customers/acme/memory/plan", "{\"steps\":1,\"steps\":2}");
    assertThat(memory.status()).isEqualTo(400);
    assertThat(memory.errorCode()).isEqualTo("malformed_json");
    assertThat(memory.body()).contains("steps");
    assertThat(api.get("/v1/customers/acme/memory/plan").status()).isEqualTo(404);

    Reply nested = api.put("/v1/customers/acme/memory/plan", "[{\"a\":{\"b\":1,\"b\":1}}]");
    assertThat(nested.status()).isEqualTo(400);

    Reply create = api.post("/v1/customers", "{\"id\":\"one\",\"id\":\"two\"}");
    assertThat(create.status()).isEqualTo(400);
    assertThat(api.get("/v1/customers/one").status()).isEqualTo(404);
    assertThat(api.get("/v1/customers/two").status()).isEqualTo(404);
  }

  @Test
  void numbersNoDoubleHoldsAreRefusedNeverChanged() {
    for (String bad : new String[] {"1e400", "{\"x\":-1e400}", "[1e-400]", "{\"a\":[0.5e-330]}"}) {
      Reply reply = api.put("/v1/customers/acme/memory/n", bad);
      assertThat(reply.status()).as(bad).isEqualTo(400);
      assertThat(reply.errorCode()).as(bad).isEqualTo("malformed_json");
    }
    assertThat(api.get("/v1/customers/acme/memory/n").status()).isEqualTo(404);
    for (String bad : new String[] {"NaN", "Infinity", "-Infinity", "{\"x\":NaN}"}) {
      assertThat(api.put("/v1/customers/acme/memory/n", bad).status()).as(bad).isEqualTo(400);
    }
    String fine =
        "{\"big\":1.7976931348623157E308,\"small\":4.9E-324,\"zero\":0.0,\"int\":"
            + "123456789012345678901234567890,\"half\":0.5}";
    Reply ok = api.put("/v1/customers/acme/memory/n", fine);
    assertThat(ok.status()).isEqualTo(200);
    JsonNode stored = api.get("/v1/customers/acme/memory/n").json().get("value");
    assertThat(stored.get("big").doubleValue()).isEqualTo(Double.MAX_VALUE);
    assertThat(stored.get("small").doubleValue()).isEqualTo(Double.MIN_VALUE);
    assertThat(stored.get("int").bigIntegerValue().toString())
        .isEqualTo("123456789012345678901234567890");
    assertThat(stored.get("half").doubleValue()).isEqualTo(0.5);
  }

  @Test
  void percentEscapesThatAreNotUtf8AreRefusedNotReplaced() {
    Reply file = api.put("/v1/customers/acme/files/%ff%fe.txt", "a");
    assertThat(file.status()).isEqualTo(400);
    assertThat(file.errorCode()).isEqualTo("invalid_path");
    assertThat(api.get("/v1/customers/acme/files/%ff%fe.txt").errorCode())
        .isEqualTo("invalid_path");
    assertThat(api.delete("/v1/customers/acme/files/dir/%c3.txt").errorCode())
        .isEqualTo("invalid_path");

    Reply key = api.put("/v1/customers/acme/memory/%ff%fe", "1");
    assertThat(key.status()).isEqualTo(400);
    assertThat(key.errorCode()).isEqualTo("invalid_key");

    // U+FFFD itself, sent as UTF-8, is a name like any other and collides with nothing.
    assertThat(api.put("/v1/customers/acme/memory/%EF%BF%BD%EF%BF%BD", "2").status())
        .isEqualTo(200);
    assertThat(api.get("/v1/customers/acme/memory").json().get("keys").toString())
        .isEqualTo("[\"\uFFFD\uFFFD\"]");
    assertThat(api.put("/v1/customers/acme/files/%C3%A9t%C3%A9.txt", "ok").status()).isEqualTo(200);
    assertThat(api.get("/v1/customers/acme/files/%C3%A9t%C3%A9.txt").body()).isEqualTo("ok");
    assertThat(home.resolve("cells/acme/work/été.txt")).exists();
  }

  @Test
  void aNulInAShellRequestIsRefusedNotCut() {
    String[] bodies = {
      "{\"command\":\"touch x\",\"env\":{\"V\":\"a\\u0000b\"}}",
      "{\"command\":\"touch x\",\"env\":{\"V\\u0000W\":\"a\"}}",
      "{\"command\":\"touch x\\u0000; rm -rf /\"}",
      "{\"command\":\"touch x\",\"cwd\":\".\\u0000/etc\"}",
    };
    for (String body : bodies) {
      Reply reply = api.post("/v1/customers/acme/shell", body);
      assertThat(reply.status()).as(body).isEqualTo(400);
      assertThat(reply.body()).as(body).contains("NUL");
    }
    assertThat(home.resolve("cells/acme/work/x")).doesNotExist();
  }

  @Test
  void internalErrorsShowAnIdNeverHostPathsOrExceptionMessages() throws IOException {
    // Break the cell's state behind the server's back: its database and its folders.
    assertThat(api.put("/v1/customers/acme/memory/k", "1").status()).isEqualTo(200);
    assertThat(api.post("/v1/customers/acme/pause", null).status()).isEqualTo(200);
    Path data = home.resolve("cells/acme/data");
    try (var files = Files.list(data)) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        Files.write(f, "garbage, not a database".repeat(100).getBytes(StandardCharsets.UTF_8));
      }
    }
    List<Reply> replies = new ArrayList<>();
    replies.add(api.get("/v1/customers/acme/memory/k"));
    replies.add(api.put("/v1/customers/acme/memory/k", "2"));
    replies.add(api.post("/v1/customers/acme/shell", "{\"command\":\"true\"}"));
    replies.add(api.get("/v1/customers/acme/usage"));

    List<Reply> failures = replies.stream().filter(r -> r.status() >= 500).toList();
    assertThat(failures).as("the broken cell fails some requests with 500").isNotEmpty();
    String homeText = home.toAbsolutePath().toString();
    for (Reply r : replies) {
      assertThat(r.body()).as(r.body()).doesNotContain(homeText).doesNotContain("/tmp/");
    }
    for (Reply r : failures) {
      String id = r.json().path("error").path("errorId").asText();
      assertThat(id).as(r.body()).isNotBlank();
      assertThat(r.json().path("error").path("message").asText()).contains(id);
      List<LogRecord> records;
      synchronized (logged) {
        records = List.copyOf(logged);
      }
      assertThat(records)
          .as("the log names error %s with its cause", id)
          .anyMatch(rec -> rec.getMessage().contains(id) && rec.getThrown() != null);
    }
  }

  @Test
  void errorMessagesNeverShowHostPaths() {
    assertThat(
            dev.oncell.server.internal.RedactionProbe.redact(
                "cannot open " + home.resolve("cells/acme/data/cell.mv.db") + ": denied"))
        .isEqualTo("cannot open <host path>/cells/acme/data/cell.mv.db: denied");
  }

  @Test
  void aMalformedChunkSizeIs400() throws IOException {
    try (RawClient raw = new RawClient(api.server.port())) {
      raw.send(
          "PUT /v1/customers/acme/files/chunked.txt HTTP/1.1\r\nHost: localhost\r\n"
              + "Authorization: Bearer "
              + RunningServer.KEY
              + "\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\nhello\r\n0\r\n\r\n");
      String answer = raw.readSome(Duration.ofSeconds(10));
      assertThat(answer).startsWith("HTTP/1.1 400");
      assertThat(answer).contains("malformed_body");
    }
    assertThat(home.resolve("cells/acme/work/chunked.txt")).doesNotExist();
  }

  @Test
  void aClientLeavingMidUploadCostsOneQuietLine() throws IOException, InterruptedException {
    try (RawClient raw = new RawClient(api.server.port())) {
      raw.send(
          "PUT /v1/customers/acme/files/big.bin HTTP/1.1\r\nHost: localhost\r\n"
              + "Authorization: Bearer "
              + RunningServer.KEY
              + "\r\nContent-Length: 100000\r\n\r\n"
              + "x".repeat(1000));
      Thread.sleep(300);
    }
    // The server notices, answers nothing useful, and logs it without alarm.
    List<LogRecord> records;
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (true) {
      synchronized (logged) {
        records = List.copyOf(logged);
      }
      if (records.stream().anyMatch(r -> String.valueOf(r.getMessage()).contains("went away"))
          || System.nanoTime() > deadline) {
        break;
      }
      Thread.sleep(100);
    }
    assertThat(api.get("/health").status()).isEqualTo(200);
    assertThat(records)
        .as("no SEVERE or WARNING record, no stack trace")
        .noneMatch(
            r ->
                r.getLevel().intValue() >= Level.WARNING.intValue()
                    && !r.getLoggerName().startsWith("org.junit"));
    assertThat(records.stream().filter(r -> String.valueOf(r.getMessage()).contains("went away")))
        .hasSize(1)
        .allMatch(r -> r.getThrown() == null && r.getLevel().intValue() <= Level.INFO.intValue());
    assertThat(home.resolve("cells/acme/work/big.bin")).doesNotExist();
  }

  @Test
  void aClientLeavingStopsItsShellCommand() throws Exception {
    String body =
        "{\"command\":\"while true; do echo t >> ticks; sleep 0.1; done\",\"timeoutMs\":120000}";
    Path ticks = home.resolve("cells/acme/work/ticks");
    try (RawClient raw = new RawClient(api.server.port())) {
      raw.send(
          "POST /v1/customers/acme/shell HTTP/1.1\r\nHost: localhost\r\n"
              + "Authorization: Bearer "
              + RunningServer.KEY
              + "\r\nContent-Type: application/json\r\nContent-Length: "
              + body.getBytes(StandardCharsets.UTF_8).length
              + "\r\n\r\n"
              + body);
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (!(Files.exists(ticks) && Files.size(ticks) > 10)) {
        assertThat(System.nanoTime()).as("the command started").isLessThan(deadline);
        Thread.sleep(100);
      }
    }
    // Gone: within a few seconds the command is stopped and writes no more.
    long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
    long size = -1;
    while (true) {
      Thread.sleep(1000);
      long now = Files.size(ticks);
      if (now == size) {
        break;
      }
      size = now;
      assertThat(System.nanoTime()).as("the command still runs").isLessThan(deadline);
    }
    // The cell still works.
    assertThat(api.shell("acme", "echo ok").json().get("stdout").asText()).isEqualTo("ok\n");
  }
}
