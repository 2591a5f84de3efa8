package dev.oncell.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import dev.oncell.runtime.fixtures.TestHost;
import dev.oncell.runtime.testagents.DurableAgent;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Replay after a restart of the host in the same JVM: the run is held inside a step, the host
 * closes (the run stays RUNNING in the record), and a new host resumes it from its journal.
 */
class ReplayTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  static final byte[] DURABLE = PluginJars.plugin("durable", "1.0.0", DurableAgent.class);

  @TempDir Path tmp;
  private Path home;
  private Path counter;
  private Path gate;
  private Host host;
  private HttpServer llm;
  private final AtomicInteger llmRequests = new AtomicInteger();

  /**
   * bubblewrap: the cancellation test finds the command among the host's processes, where a
   * bubblewrap command is visible and a gVisor one is not (gVisor's own kill is tested in
   * cell-sandbox).
   */
  @RegisterExtension final TestHost oncell = TestHost.create(c -> c.withSandbox("bubblewrap"));

  @BeforeEach
  void open() throws Exception {
    home = oncell.home();
    counter = tmp.resolve("counter.txt");
    gate = tmp.resolve("gate");
    host = oncell.open();
    host.deployments().deploy(DURABLE, "production");
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
  void close() {
    llm.stop(0);
  }

  private void customer(String id, int holdAt) {
    ObjectNode config = JSON.createObjectNode();
    config.put("counter", counter.toString());
    config.put("gate", gate.toString());
    config.put("holdAt", holdAt);
    config.put("mode", tmp.resolve("mode").toString());
    config.put("llm", "http://127.0.0.1:" + llm.getAddress().getPort() + "/v1/chat");
    CellInfo info =
        host.cells().create(new Cells.NewCell(id, config, Optional.of("durable"), "production"));
    host.runs().await(info.setupRunId().orElseThrow());
  }

  private List<String> counted() throws Exception {
    return Files.exists(counter) ? Files.readAllLines(counter) : List.of();
  }

  private void awaitLine(String line) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (!counted().contains(line)) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("never saw '" + line + "' in " + counted());
      }
      Thread.sleep(20);
    }
  }

  /** Stops the host while the run is held, opens a new one with the gate open: it resumes. */
  private RunInfo restartAndAwait(String runId) throws Exception {
    oncell.stop();
    Files.createFile(gate);
    host = oncell.open();
    return host.runs().await(runId);
  }

  /** Command lines in /proc containing {@code text}: also those in other PID namespaces. */
  static List<String> processesRunning(String text) throws Exception {
    List<String> found = new java.util.ArrayList<>();
    try (var entries = Files.newDirectoryStream(Path.of("/proc"), "[0-9]*")) {
      for (Path entry : entries) {
        try {
          String cmdline =
              new String(Files.readAllBytes(entry.resolve("cmdline")), StandardCharsets.UTF_8)
                  .replace('\0', ' ');
          String state = Files.readString(entry.resolve("stat"));
          boolean zombie = state.substring(state.lastIndexOf(')') + 2).startsWith("Z");
          if (!zombie && cmdline.contains(text)) {
            found.add(entry.getFileName() + ": " + cmdline.strip());
          }
        } catch (java.io.IOException e) {
          // gone meanwhile
        }
      }
    }
    return found;
  }

  private static long count(List<String> lines, String line) {
    return Collections.frequency(lines, line);
  }

  @Test
  void aRestartInTheMiddleOfStep7ReplaysTheFirstSixWithoutRunningThem() throws Exception {
    Files.writeString(tmp.resolve("mode"), "a");
    customer("acme", 7);
    RunInfo run = host.runs().start("acme", "darkMode", JSON.nullNode(), Optional.empty());
    awaitLine("holding 7");
    RunInfo done = restartAndAwait(run.id());

    assertThat(done.status()).as("%s", done.error()).isEqualTo(RunStatus.SUCCEEDED);
    assertThat(done.result().orElseThrow().get("steps").asInt()).isEqualTo(4);
    assertThat(done.result().orElseThrow().get("commit").asText()).isEqualTo("receipt-commit");
    List<String> lines = counted();
    assertThat(count(lines, "src/theme.css")).as("search ran once").isEqualTo(1);
    assertThat(count(lines, "llm")).isEqualTo(1);
    assertThat(llmRequests.get()).as("no model request is sent twice").isEqualTo(1);
    assertThat(count(lines, "edit")).as("each edit ran once").isEqualTo(4);
    assertThat(count(lines, "tests")).as("step 7 ran again").isEqualTo(2);
    assertThat(count(lines, "effect commit")).as("the commit happened once").isEqualTo(1);
    assertThat(home.resolve("cells/acme/work/theme-3.css")).hasContent("dark 3");

    List<RunEvent> events = host.runs().events(run.id(), 0, Duration.ZERO).events();
    for (int i = 0; i < events.size(); i++) {
      assertThat(events.get(i).seq()).isEqualTo(i + 1);
    }
    assertThat(events.stream().map(RunEvent::type))
        .containsOnlyOnce("started", "resumed", "result");
    assertThat(host.runs().journal(run.id())).extracting(RunStep::kind).contains("step", "shell");
  }

  @Test
  void aChangedStepFailsTheRunAsNonDeterministic() throws Exception {
    Files.writeString(tmp.resolve("mode"), "a");
    customer("acme", 4);
    RunInfo run = host.runs().start("acme", "moody", JSON.nullNode(), Optional.empty());
    awaitLine("holding 4");
    Files.writeString(tmp.resolve("mode"), "b");
    RunInfo done = restartAndAwait(run.id());
    assertThat(done.status()).isEqualTo(RunStatus.FAILED);
    assertThat(done.error().orElseThrow().code()).isEqualTo("non_determinism");
    assertThat(done.error().orElseThrow().message())
        .contains("step 4")
        .contains("three-a")
        .contains("three-b");
    assertThat(count(counted(), "four")).isEqualTo(1);
  }

  @Test
  void aSideEffectCutBeforeItsRecordIsReconciledNotRepeated() throws Exception {
    customer("acme", 8);
    RunInfo run = host.runs().start("acme", "darkMode", JSON.nullNode(), Optional.empty());
    awaitLine("holding 8"); // the commit happened; its DONE record is not written yet
    RunInfo done = restartAndAwait(run.id());
    assertThat(done.status()).isEqualTo(RunStatus.SUCCEEDED);
    assertThat(count(counted(), "effect commit")).isEqualTo(1);
    assertThat(done.result().orElseThrow().get("commit").asText()).isEqualTo("receipt-commit");
  }

  @Test
  void aSideEffectWithoutAReconcileCheckNeedsAttention() throws Exception {
    customer("acme", 1);
    RunInfo run = host.runs().start("acme", "unreconciled", JSON.nullNode(), Optional.empty());
    awaitLine("holding 1");
    RunInfo done = restartAndAwait(run.id());
    assertThat(done.status()).isEqualTo(RunStatus.FAILED);
    assertThat(done.error().orElseThrow().code()).isEqualTo("needs_attention");
    assertThat(count(counted(), "effect pay")).isEqualTo(1);
  }

  @Test
  void retriesAFlakyStepWithinItsPolicy() throws Exception {
    customer("acme", -1);
    RunInfo run = host.runs().start("acme", "flaky", JSON.nullNode(), Optional.empty());
    RunInfo done = host.runs().await(run.id());
    assertThat(done.status()).isEqualTo(RunStatus.SUCCEEDED);
    assertThat(done.result().orElseThrow().asText()).isEqualTo("finally");
    assertThat(count(counted(), "flaky")).isEqualTo(3);
  }

  @Test
  void cancellingARunKillsItsShellCommand() throws Exception {
    customer("acme", -1);
    String seconds = "41." + System.nanoTime() % 100000;
    RunInfo run =
        host.runs()
            .start("acme", "sleeper", JSON.getNodeFactory().textNode(seconds), Optional.empty());
    // Hang detectors, not timings: a loaded machine may take long, a broken cancel takes forever.
    long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
    while (processesRunning("sleep " + seconds).size() < 2) { // bwrap, and the sleep inside
      assertThat(System.nanoTime()).as("the shell step started").isLessThan(deadline);
      Thread.sleep(20);
    }
    RunInfo cancelled = host.runs().cancel(run.id());
    assertThat(cancelled.status()).isEqualTo(RunStatus.CANCELLED);
    long gone = System.nanoTime() + Duration.ofSeconds(35).toNanos(); // the sleep itself is 41 s
    while (!processesRunning("sleep " + seconds).isEmpty()) {
      assertThat(System.nanoTime())
          .as("the shell command was killed: %s", processesRunning("sleep " + seconds))
          .isLessThan(gone);
      Thread.sleep(20);
    }
    assertThat(host.runs().events(run.id(), 0, Duration.ZERO).events().getLast().type())
        .isEqualTo("error");
  }

  @Test
  void theJournalOfAFinishedRunIsReadableAndPrunedAfterItsRetention() throws Exception {
    customer("acme", -1);
    RunInfo run = host.runs().start("acme", "flaky", JSON.nullNode(), Optional.empty());
    host.runs().await(run.id());
    List<RunStep> steps = host.runs().journal(run.id());
    assertThat(steps).extracting(RunStep::status).contains("done");
    JsonNode config = host.cells().find("acme").orElseThrow().config();
    assertThat(config.get("counter").asText()).isEqualTo(counter.toString());

    oncell.stop();
    host = oncell.open(c -> c.withJournalRetention(Duration.ZERO));
    RunInfo second = host.runs().start("acme", "flaky", JSON.nullNode(), Optional.empty());
    host.runs().await(second.id());
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> host.runs().journal(run.id()))
        .isInstanceOfSatisfying(
            CellException.class, e -> assertThat(e.code()).isEqualTo("journal_expired"));
  }
}
