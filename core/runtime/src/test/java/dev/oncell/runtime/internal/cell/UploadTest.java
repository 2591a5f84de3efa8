package dev.oncell.runtime.internal.cell;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.oncell.runtime.CellDefaults;
import dev.oncell.runtime.CellInfo;
import dev.oncell.runtime.Cells;
import dev.oncell.runtime.Host;
import dev.oncell.runtime.PluginJars;
import dev.oncell.runtime.RunInfo;
import dev.oncell.runtime.RunStatus;
import dev.oncell.runtime.fixtures.TestHost;
import dev.oncell.runtime.internal.DefaultHost;
import dev.oncell.runtime.internal.egress.EgressTest;
import dev.oncell.runtime.testagents.LocalhostAgent;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code ctx.upload} through the real host and the cell's own egress proxy, against a loopback
 * server the test starts: the loopback agent lists {@code 127.0.0.1} as an IP entry, the localhost
 * agent only the name {@code localhost}, which resolves to loopback and is so refused.
 */
class UploadTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final byte[] LOOPBACK = EgressTest.LOOPBACK;
  private static final byte[] LOCALHOST =
      PluginJars.plugin("localhost-plugin", "1.0.0", LocalhostAgent.class);
  private static final int BIG = 300_000;

  @RegisterExtension
  final TestHost oncell =
      TestHost.create(c -> c.withEmbeddingModel("none").withSandbox("bubblewrap"));

  private final Path home = oncell.home();
  private Host host;
  private HttpServer origin;
  private String base;
  private final AtomicInteger hits = new AtomicInteger();

  @BeforeEach
  void start() throws IOException {
    origin = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 0);
    origin.createContext("/hello", exchange -> answer(exchange, 200, "hello from origin"));
    origin.createContext(
        "/chunked",
        exchange -> {
          exchange.sendResponseHeaders(200, 0); // 0: chunked
          try (OutputStream out = exchange.getResponseBody()) {
            for (int i = 0; i < 3; i++) {
              out.write(("part" + i + ";").getBytes(StandardCharsets.UTF_8));
              out.flush();
            }
          }
        });
    origin.createContext(
        "/redirect",
        exchange -> {
          exchange.getResponseHeaders().add("Location", "/hello");
          answer(exchange, 302, "");
        });
    origin.createContext(
        "/loop",
        exchange -> {
          exchange.getResponseHeaders().add("Location", "/loop");
          answer(exchange, 302, "");
        });
    origin.createContext(
        "/elsewhere",
        exchange -> {
          exchange.getResponseHeaders().add("Location", "http://localhost:" + port() + "/hello");
          answer(exchange, 301, "");
        });
    origin.createContext("/big", exchange -> answer(exchange, 200, "x".repeat(BIG)));
    origin.createContext("/missing", exchange -> answer(exchange, 404, "no such thing"));
    origin.start();
    base = "http://127.0.0.1:" + port();
    open(CellDefaults.defaults().withMaxUploadBytes(BIG - 1));
    host.deployments().deploy(LOOPBACK, "production");
    host.deployments().deploy(LOCALHOST, "production");
    host.deployments().deploy(EgressTest.LIFECYCLE, "production");
  }

  private int port() {
    return origin.getAddress().getPort();
  }

  private void answer(com.sun.net.httpserver.HttpExchange exchange, int status, String text)
      throws IOException {
    hits.incrementAndGet();
    byte[] body = text.getBytes(StandardCharsets.UTF_8);
    exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }

  private void open(CellDefaults cells) {
    host = oncell.open(c -> c.withCells(cells));
  }

  @AfterEach
  void stop() {
    oncell.stop();
    origin.stop(0);
  }

  private void customer(String id, String agent) {
    CellInfo info =
        host.cells()
            .create(
                new Cells.NewCell(id, JSON.createObjectNode(), Optional.of(agent), "production"));
    host.runs().await(info.setupRunId().orElseThrow());
  }

  private RunInfo upload(String customer, String dest, String url) {
    RunInfo started =
        host.runs()
            .start(
                customer,
                "upload",
                JSON.createObjectNode().put("dest", dest).put("url", url),
                Optional.empty());
    return host.runs().await(started.id());
  }

  private String error(RunInfo run) {
    assertThat(run.status()).isEqualTo(RunStatus.FAILED);
    return run.error().orElseThrow().code() + ": " + run.error().orElseThrow().message();
  }

  private Path work(String id) {
    return home.resolve("cells").resolve(id).resolve("work");
  }

  private String log(String id) throws IOException {
    return Files.readString(home.resolve("cells").resolve(id).resolve("logs/cell.log"));
  }

  private List<String> files(String id) throws IOException {
    try (Stream<Path> all = Files.walk(work(id))) {
      return all.filter(Files::isRegularFile).map(p -> work(id).relativize(p).toString()).toList();
    }
  }

  @Test
  void downloadsAnAllowedUrlIntoTheCell() throws IOException {
    customer("acme", "loopback");
    RunInfo run = upload("acme", "downloads/hello.txt", base + "/hello");
    assertThat(run.result().orElseThrow().asText()).isEqualTo("hello from origin");
    assertThat(Files.readString(work("acme").resolve("downloads/hello.txt")))
        .isEqualTo("hello from origin");
    assertThat(upload("acme", "c.txt", base + "/chunked").result().orElseThrow().asText())
        .isEqualTo("part0;part1;part2;");
    assertThat(upload("acme", "r.txt", base + "/redirect").result().orElseThrow().asText())
        .as("a redirect is followed")
        .isEqualTo("hello from origin");
    assertThat(log("acme"))
        .contains("egress decision=allowed method=CONNECT host=127.0.0.1 port=" + port())
        .contains("upload url=" + base + "/hello dest=downloads/hello.txt bytes=17");
  }

  @Test
  void aRefusedHostIsAnErrorWithTheReasonAndIsLogged() throws IOException {
    customer("acme", "loopback");
    assertThat(error(upload("acme", "x.txt", "http://localhost:" + port() + "/hello")))
        .startsWith("egress_refused")
        .contains("not in the allow-list");
    assertThat(error(upload("acme", "x.txt", base + "/elsewhere")))
        .as("each redirect is decided again")
        .startsWith("egress_refused")
        .contains("localhost");
    assertThat(log("acme")).contains("egress decision=refused method=CONNECT host=localhost");

    customer("named", "localhost");
    assertThat(error(upload("named", "x.txt", "http://localhost:" + port() + "/hello")))
        .as("a listed name resolving to loopback, which no IP entry names")
        .startsWith("egress_refused")
        .contains("resolves to 127.0.0.1");
    assertThat(log("named")).contains("reason=forbidden_address");
    assertThat(files("acme")).isEmpty();
    assertThat(files("named")).isEmpty();
  }

  @Test
  void aCellWithoutEgressCannotUpload() throws IOException {
    customer("closed", "lifecycle");
    // The lifecycle agent has no upload method: the cell API's upload is what a run would call.
    LiveCell cell = ((DefaultHost) host).registry().live("closed");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> cell.upload("x.txt", base + "/hello"))
        .isInstanceOfSatisfying(
            dev.oncell.runtime.CellException.class,
            e -> assertThat(e.code()).isEqualTo("egress_blocked"));
    assertThat(log("closed"))
        .contains("upload refused url=" + base + "/hello reason=egress_blocked");
    assertThat(hits).hasValue(0);
  }

  @Test
  void failuresLeaveNothingBehind() throws IOException {
    customer("acme", "loopback");
    Files.writeString(work("acme").resolve("keep.txt"), "old");
    assertThat(error(upload("acme", "keep.txt", base + "/big")))
        .startsWith("upload_too_large")
        .contains(String.valueOf(BIG - 1));
    assertThat(error(upload("acme", "keep.txt", base + "/missing")))
        .startsWith("upload_failed")
        .contains("404");
    assertThat(error(upload("acme", "keep.txt", base + "/loop")))
        .startsWith("upload_failed")
        .contains("redirects more than 5 times");
    assertThat(Files.readString(work("acme").resolve("keep.txt"))).isEqualTo("old");
    assertThat(files("acme")).containsExactly("keep.txt");
  }

  @Test
  void badRequestsAreRefusedClearly() {
    customer("acme", "loopback");
    assertThat(error(upload("acme", "../escape.txt", base + "/hello"))).startsWith("invalid_path");
    assertThat(error(upload("acme", "/etc/passwd", base + "/hello"))).startsWith("invalid_path");
    assertThat(error(upload("acme", "x.txt", "ftp://127.0.0.1/x"))).startsWith("invalid_url");
    assertThat(error(upload("acme", "x.txt", "not a url"))).startsWith("invalid_url");
    assertThat(error(upload("acme", "x.txt", "http://user:pw@127.0.0.1/x")))
        .startsWith("invalid_url");
    assertThat(hits).hasValue(0);
  }

  @Test
  void aResumedRunDoesNotDownloadAgain() throws Exception {
    customer("acme", "loopback");
    Path gate = home.resolve("gate");
    RunInfo started =
        host.runs()
            .start(
                "acme",
                "uploadThenWait",
                JSON.createObjectNode()
                    .put("dest", "hello.txt")
                    .put("url", base + "/hello")
                    .put("gate", gate.toString()),
                Optional.empty());
    long deadline = System.nanoTime() + java.time.Duration.ofSeconds(30).toNanos();
    // The file appears before the step is journaled done; close only once it is, or the resumed
    // run rightly downloads again.
    while (host.runs().journal(started.id()).stream()
            .noneMatch(s -> s.kind().equals("upload") && s.status().equals("done"))
        && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    assertThat(hits).hasValue(1);
    oncell.stop();
    Files.writeString(work("acme").resolve("hello.txt"), "changed after the upload");
    Files.createFile(gate);
    open(CellDefaults.defaults());
    RunInfo done = host.runs().await(started.id());
    assertThat(done.status()).isEqualTo(RunStatus.SUCCEEDED);
    assertThat(done.result().orElseThrow().asText())
        .as("the upload step was replayed from the journal, not done again")
        .isEqualTo("changed after the upload");
    assertThat(hits).hasValue(1);
  }
}
