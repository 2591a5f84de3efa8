package dev.oncell.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import dev.oncell.client.CreateCustomer;
import dev.oncell.client.OncellApiException;
import dev.oncell.client.OncellClient;
import dev.oncell.client.Run;
import dev.oncell.client.RunEvent;
import dev.oncell.runtime.PluginJars;
import dev.oncell.runtime.fixtures.TestHost;
import dev.oncell.runtime.testagents.DurableAgent;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The platform's promise, tested with SIGKILL: the server runs as a child JVM, is killed in the
 * middle of a run, restarted, and resumes the run from its journal.
 */
class CrashRecoveryTest {

  private static final String KEY = "crash-recovery-operator-key";
  private static final Map<String, String> ENV = Map.of("ONCELL_API_KEY", KEY);
  private static final ObjectMapper JSON = new ObjectMapper();

  /** The child servers' ONCELL_HOME; no host opens on it in this JVM. */
  @RegisterExtension final TestHost oncell = TestHost.create();

  @TempDir Path tmp;
  private final List<ChildServer> servers = new ArrayList<>();
  private HttpServer llm;
  private final AtomicInteger llmRequests = new AtomicInteger();
  private Path counter;
  private Path gate;

  @BeforeEach
  void standInModel() throws Exception {
    counter = tmp.resolve("counter.txt");
    gate = tmp.resolve("gate");
    llm = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    llm.createContext(
        "/",
        exchange -> {
          llmRequests.incrementAndGet();
          byte[] answer = "{\"edits\":[\"theme.css\"]}".getBytes(StandardCharsets.UTF_8);
          exchange.sendResponseHeaders(200, answer.length);
          exchange.getResponseBody().write(answer);
          exchange.close();
        });
    llm.start();
  }

  @AfterEach
  void stop() {
    servers.forEach(ChildServer::close);
    llm.stop(0);
  }

  private ChildServer serve() throws Exception {
    ChildServer server = ChildServer.start(oncell.home(), tmp.resolve("user"), ENV);
    servers.add(server);
    return server;
  }

  private static OncellClient client(ChildServer server) {
    return OncellClient.create(URI.create(server.url()), KEY);
  }

  private ObjectNode config(int holdAt, int stepMillis) {
    ObjectNode config = JSON.createObjectNode();
    config.put("counter", counter.toString());
    config.put("gate", gate.toString());
    config.put("holdAt", holdAt);
    config.put("stepMillis", stepMillis);
    config.put("llm", "http://127.0.0.1:" + llm.getAddress().getPort() + "/v1/chat/completions");
    return config;
  }

  private void setUpAgent(OncellClient client, ObjectNode config) {
    client
        .deployments()
        .deploy(PluginJars.plugin("durable", "1.0.0", DurableAgent.class), "production");
    client
        .customers()
        .create(
            CreateCustomer.of("acme")
                .withAgent("durable")
                .withConfig(config)
                .withWaitForSetup(true));
  }

  private List<String> counted() throws Exception {
    return Files.exists(counter) ? Files.readAllLines(counter) : List.of();
  }

  private void awaitLine(String line) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (!counted().contains(line)) {
      assertThat(System.nanoTime()).as("waiting for '%s'", line).isLessThan(deadline);
      Thread.sleep(20);
    }
  }

  private static Run awaitFinished(OncellClient client, String runId) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
    while (true) {
      Run run = client.runs().get(runId);
      if (!run.status().equals("running")) {
        return run;
      }
      assertThat(System.nanoTime()).as("run %s to finish", runId).isLessThan(deadline);
      Thread.sleep(50);
    }
  }

  @Test
  void addDarkModeSurvivesASigkillInTheMiddleOfStep7() throws Exception {
    ChildServer first = serve();
    List<RunEvent> seen = new CopyOnWriteArrayList<>();
    try (OncellClient client = client(first)) {
      setUpAgent(client, config(7, 0));
      Thread streaming =
          Thread.ofVirtual()
              .start(
                  () -> {
                    try {
                      client.agents().stream("darkMode", "acme", NullNode.getInstance(), seen::add);
                    } catch (OncellApiException e) {
                      // the server died under the stream: expected
                    }
                  });
      awaitLine("holding 7");
      first.kill();
      streaming.join(Duration.ofSeconds(30));
    }
    String runId = seen.getFirst().data().get("runId").asText();
    long lastSeen = seen.getLast().id();
    Files.createFile(gate);

    ChildServer second = serve(); // resumes the run on its own
    try (OncellClient client = client(second)) {
      client.runs().events(runId, lastSeen, seen::add); // re-join where the stream broke
      Run run = awaitFinished(client, runId);
      assertThat(run.status()).as("%s", run.error()).isEqualTo("succeeded");
      assertThat(run.result().orElseThrow().get("steps").asInt()).isEqualTo(4);
      assertThat(run.result().orElseThrow().get("commit").asText()).isEqualTo("receipt-commit");
    }
    List<String> lines = counted();
    assertThat(Collections.frequency(lines, "src/theme.css")).as("search: once").isEqualTo(1);
    assertThat(Collections.frequency(lines, "llm")).as("llm: once").isEqualTo(1);
    assertThat(llmRequests.get()).as("no token is spent twice").isEqualTo(1);
    assertThat(Collections.frequency(lines, "edit")).as("the four edits: once each").isEqualTo(4);
    assertThat(Collections.frequency(lines, "tests")).as("step 7 ran again").isEqualTo(2);
    assertThat(Collections.frequency(lines, "effect commit")).as("one commit").isEqualTo(1);

    // The client's stream, across the crash, has every event once, in order, one result last.
    for (int i = 0; i < seen.size(); i++) {
      assertThat(seen.get(i).id()).as("event %d of %s", i, seen).isEqualTo(i + 1);
    }
    assertThat(seen.getLast().type()).isEqualTo("result");
    assertThat(seen.stream().filter(e -> e.type().equals("result"))).hasSize(1);
  }

  @Test
  void aCrashLoopNeverRepeatsAFinishedStepOrASideEffect() throws Exception {
    long seed = Long.getLong("tests.seed", System.nanoTime());
    System.out.println("CrashRecoveryTest seed: -Dtests.seed=" + seed);
    Random random = new Random(seed);
    int steps = 400;
    ChildServer server = serve();
    // Not closed until the end: closing a JDK HttpClient waits for its streams to finish.
    OncellClient streaming = client(server);
    setUpAgent(streaming, config(-1, 40));
    List<RunEvent> first = new CopyOnWriteArrayList<>();
    Thread.ofVirtual()
        .start(
            () -> {
              try {
                streaming.agents().stream("longRun", "acme", IntNode.valueOf(steps), first::add);
              } catch (OncellApiException e) {
                // killed under the stream
              }
            });
    while (first.isEmpty()) {
      Thread.sleep(10);
    }
    String runId = first.getFirst().data().get("runId").asText();
    int kills = 0;
    while (kills < 20) {
      Thread.sleep(100 + random.nextInt(400));
      long done =
          counted().stream().filter(l -> l.equals("work") || l.startsWith("effect ")).count();
      if (done >= steps - 10) {
        break; // how fast the run goes between kills depends on the machine's load
      }
      server.kill();
      kills++;
      server = serve();
    }
    assertThat(kills)
        .as(
            "seed %d: the run must still be going after several kills, or this test proves little",
            seed)
        .isGreaterThanOrEqualTo(8);
    streaming.close();
    try (OncellClient client = client(server)) {
      Run run = awaitFinished(client, runId);
      assertThat(run.status()).as("seed %d: %s", seed, run.error()).isEqualTo("succeeded");
      assertThat(run.result().orElseThrow().asInt()).isEqualTo(steps);
    }
    List<String> lines = counted();
    int repeats = 0;
    for (int i = 1; i <= steps; i++) {
      if (i % 5 == 0) {
        assertThat(Collections.frequency(lines, "effect effect-" + i))
            .as("seed %d: side effect %d exactly once", seed, i)
            .isEqualTo(1);
      }
    }
    long work = lines.stream().filter(l -> l.equals("work")).count();
    repeats = (int) (work - (steps - steps / 5));
    // Steps run one after another; each kill can catch at most the one step in flight.
    assertThat(repeats).as("seed %d: work steps repeated", seed).isBetween(0, kills);
  }
}
