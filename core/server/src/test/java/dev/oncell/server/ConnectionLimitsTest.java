package dev.oncell.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oncell.runtime.fixtures.TestHost;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Slow and half-open connections (issue 12, finding 8): a client that sends half a request is
 * closed at the configured timeout, and a pile of idle connections neither exhausts the server's
 * file descriptors nor keeps {@code /health} out.
 */
@org.junit.jupiter.api.Tag("abuse")
class ConnectionLimitsTest {

  private static final Duration BOUND = Duration.ofSeconds(15);

  @RegisterExtension final TestHost oncell = TestHost.create();
  private RunningServer api;

  private RunningServer start(int maxConnections, Duration header, Duration body) {
    api =
        new RunningServer(
            oncell,
            b ->
                b.headerTimeout(header)
                    .bodyTimeout(body)
                    .idleTimeout(Duration.ofSeconds(1))
                    .maxConnections(maxConnections));
    return api;
  }

  @AfterEach
  void stop() {
    if (api != null) {
      api.close();
    }
  }

  @Test
  void halfARequestLineIsClosedAtTheHeaderTimeout() throws IOException {
    start(100, Duration.ofSeconds(1), Duration.ofSeconds(60));
    try (RawClient slow = new RawClient(api.server.port())) {
      slow.send("GET /hea");
      slow.readUntilClosed(BOUND);
    }
  }

  @Test
  void halfTheHeadersAreClosedAtTheHeaderTimeout() throws IOException {
    start(100, Duration.ofSeconds(1), Duration.ofSeconds(60));
    try (RawClient slow = new RawClient(api.server.port())) {
      slow.send("GET /health HTTP/1.1\r\nHost: localhost\r\nX-Slow: ");
      // Dripping bytes does not extend the time the headers may take in total.
      for (int i = 0; i < 3; i++) {
        sleep(400);
        slow.send("a");
      }
      slow.readUntilClosed(BOUND);
    }
  }

  @Test
  void aSilentConnectionIsClosedAtTheHeaderTimeout() throws IOException {
    start(100, Duration.ofSeconds(1), Duration.ofSeconds(60));
    try (RawClient silent = new RawClient(api.server.port())) {
      silent.readUntilClosed(BOUND);
    }
  }

  @Test
  void halfABodyIsClosedAtTheBodyTimeoutAndStoresNothing() throws IOException {
    start(100, Duration.ofSeconds(30), Duration.ofSeconds(1));
    api.post("/v1/customers", "{\"id\":\"acme\"}");
    try (RawClient slow = new RawClient(api.server.port())) {
      slow.send(
          "PUT /v1/customers/acme/memory/plan HTTP/1.1\r\nHost: localhost\r\n"
              + "Authorization: Bearer "
              + RunningServer.KEY
              + "\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{\"steps\":");
      slow.readUntilClosed(BOUND);
    }
    assertThat(api.get("/v1/customers/acme/memory/plan").status()).isEqualTo(404);
  }

  @Test
  void aHandlersOwnTimeIsNotTheClientsAndKeptAliveRequestsWork() throws IOException {
    start(100, Duration.ofSeconds(1), Duration.ofSeconds(1));
    api.post("/v1/customers", "{\"id\":\"acme\"}");
    // A command that outlasts both timeouts: the request was complete, so nothing is cut.
    RunningServer.Reply slow = api.shell("acme", "sleep 2.5; echo done");
    assertThat(slow.status()).isEqualTo(200);
    assertThat(slow.json().get("stdout").asText()).isEqualTo("done\n");
    try (RawClient client = new RawClient(api.server.port())) {
      for (int i = 0; i < 3; i++) {
        client.send("GET /health HTTP/1.1\r\nHost: localhost\r\n\r\n");
        assertThat(client.readSome(Duration.ofSeconds(10))).startsWith("HTTP/1.1 200");
        sleep(300);
      }
    }
  }

  @Test
  void anIdleKeptAliveConnectionIsClosedAtTheIdleTimeout() throws IOException {
    start(100, Duration.ofSeconds(30), Duration.ofSeconds(30));
    try (RawClient client = new RawClient(api.server.port())) {
      client.send("GET /health HTTP/1.1\r\nHost: localhost\r\n\r\n");
      String answer = client.readUntilClosed(BOUND);
      assertThat(answer).startsWith("HTTP/1.1 200");
    }
  }

  @Test
  void idleConnectionsPastTheLimitNeitherExhaustSocketsNorKeepHealthOut() throws IOException {
    int limit = 8;
    start(limit, Duration.ofSeconds(60), Duration.ofSeconds(60));
    assertThat(api.get("/health").status()).isEqualTo(200);
    long socketsBefore = openSockets();
    List<RawClient> idle = new ArrayList<>();
    try {
      for (int i = 0; i < 40; i++) {
        RawClient c = new RawClient(api.server.port());
        idle.add(c);
        if (i % 2 == 0) {
          c.send("GET /health HTTP/1.1\r\nHost: x\r\n"); // half a request
        }
      }
      sleep(500);
      // 40 client ends are ours; the server holds at most its limit of accepted ends.
      assertThat(openSockets() - socketsBefore)
          .as("sockets held beyond the 40 client ends")
          .isLessThanOrEqualTo(40 + limit + 4);
      long start = System.nanoTime();
      assertThat(api.get("/health").status()).isEqualTo(200);
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
    } finally {
      for (RawClient c : idle) {
        c.close();
      }
    }
  }

  private static long openSockets() throws IOException {
    try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
      return fds.filter(
              fd -> {
                try {
                  return Files.readSymbolicLink(fd).toString().startsWith("socket:");
                } catch (IOException e) {
                  return false;
                }
              })
          .count();
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }
}
