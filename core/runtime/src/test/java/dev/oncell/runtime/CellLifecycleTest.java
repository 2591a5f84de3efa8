package dev.oncell.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.oncell.agent.ShellOptions;
import dev.oncell.agent.ShellResult;
import dev.oncell.runtime.LlmBudgetsTest.MovableClock;
import dev.oncell.runtime.fixtures.TestHost;
import dev.oncell.runtime.testagents.EchoAgent;
import dev.oncell.runtime.testagents.LifecycleAgent;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Idle auto-pause and transparent wake, with an injected clock: no test sleeps for a timeout. The
 * host's own sweep runs once an hour here, so only the test's explicit sweeps pause cells.
 */
class CellLifecycleTest {

  static final byte[] LIFECYCLE =
      PluginJars.plugin("lifecycle-plugin", "1.0.0", LifecycleAgent.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final MovableClock clock = new MovableClock(Instant.parse("2026-11-20T10:00:00Z"));

  @RegisterExtension
  final TestHost oncell =
      TestHost.create(
          c ->
              c.withEmbeddingModel("none")
                  .withClock(clock)
                  .withCells(CellDefaults.defaults().withIdleCheckInterval(Duration.ofHours(1))));

  private final Path home = oncell.home();
  private Host host;

  @BeforeEach
  void open() {
    host = oncell.open();
  }

  private Cell plainCell(String id) {
    host.cells().create(id, JSON.createObjectNode());
    return host.cells().cell(id);
  }

  private CellState state(String id) {
    return host.cells().find(id).orElseThrow().state();
  }

  private List<String> log(String id) throws Exception {
    return Files.readAllLines(home.resolve("cells/" + id + "/logs/cell.log"));
  }

  private long count(List<String> lines, String suffix) {
    return lines.stream().filter(l -> l.endsWith(suffix)).count();
  }

  @Test
  void anIdleCellPausesAfterItsTimeoutAndNotBefore() {
    plainCell("acme").files().write("a.txt", "a".getBytes(StandardCharsets.UTF_8));
    clock.advance(Duration.ofMinutes(29));
    assertThat(host.pauseIdleCells()).as("29 of 30 idle minutes").isEmpty();
    assertThat(state("acme")).isEqualTo(CellState.ACTIVE);
    clock.advance(Duration.ofMinutes(2));
    assertThat(host.pauseIdleCells()).as("31 idle minutes").containsExactly("acme");
    assertThat(state("acme")).isEqualTo(CellState.PAUSED);
    // Its database is closed: H2 removes its lock file only then.
    assertThat(home.resolve("cells/acme/data/cell.lock.db")).doesNotExist();
    assertThat(host.pauseIdleCells()).as("a paused cell is not paused twice").isEmpty();
  }

  @Test
  void aCallOnAPausedCellWakesItAndProceeds() throws Exception {
    Cell cell = plainCell("acme");
    cell.files().write("a.txt", "hello".getBytes(StandardCharsets.UTF_8));
    clock.advance(Duration.ofHours(1));
    assertThat(host.pauseIdleCells()).containsExactly("acme");

    ShellResult result = cell.shell("cat a.txt", ShellOptions.defaults());

    assertThat(result.stdout()).isEqualTo("hello");
    assertThat(state("acme")).isEqualTo(CellState.ACTIVE);
    List<String> log = log("acme");
    int waking = indexOf(log, "state WAKING");
    int active = log.size() - 1 - indexOf(log.reversed(), "state ACTIVE");
    assertThat(waking).as("the wake is in the cell log: %s", log).isPositive();
    assertThat(active).as("WAKING comes before ACTIVE: %s", log).isGreaterThan(waking);
    assertThat(host.cells().find("acme").orElseThrow().lastActiveAt())
        .as("the wake counts as activity")
        .isEqualTo(clock.instant());
  }

  private static int indexOf(List<String> lines, String suffix) {
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).endsWith(suffix)) {
        return i;
      }
    }
    return -1;
  }

  @Test
  void concurrentCallsOnAPausedCellShareOneWake() throws Exception {
    Cell cell = plainCell("acme");
    cell.memory().set("k", TextNode.valueOf("v"));
    host.cells().pause("acme");
    int callers = 16;
    CountDownLatch go = new CountDownLatch(1);
    List<Future<Optional<JsonNode>>> calls = new ArrayList<>();
    try (ExecutorService pool = Executors.newFixedThreadPool(callers)) {
      for (int i = 0; i < callers; i++) {
        calls.add(
            pool.submit(
                () -> {
                  go.await();
                  return cell.memory().get("k");
                }));
      }
      go.countDown();
      for (Future<Optional<JsonNode>> call : calls) {
        assertThat(call.get()).contains(TextNode.valueOf("v"));
      }
    }
    assertThat(count(log("acme"), "state WAKING")).as("one wake for %d calls", callers).isOne();
    assertThat(state("acme")).isEqualTo(CellState.ACTIVE);
  }

  @Test
  void aPauseWaitsForARunningCommandWhoseResultIsComplete() throws Exception {
    Cell cell = plainCell("acme");
    Path started = home.resolve("cells/acme/work/started");
    try (ExecutorService pool = Executors.newSingleThreadExecutor()) {
      Future<ShellResult> command =
          pool.submit(
              () ->
                  cell.shell(
                      "touch started; sleep 1; seq 1 20000 | tail -n 1", ShellOptions.defaults()));
      while (!Files.exists(started)) {
        Thread.onSpinWait();
      }
      clock.advance(Duration.ofHours(1));
      assertThat(host.pauseIdleCells()).as("the idle sweep skips a cell in a call").isEmpty();
      CellInfo paused = host.cells().pause("acme"); // waits for the command
      assertThat(command.isDone()).as("the pause returned after the command").isTrue();
      ShellResult result = command.get();
      assertThat(result.exitCode()).isZero();
      assertThat(result.timedOut()).isFalse();
      assertThat(result.stdout()).isEqualTo("20000\n");
      assertThat(paused.state()).isEqualTo(CellState.PAUSED);
    }
  }

  @Test
  void aCellWithALiveRunIsNotPausedEvenWhenItWaitsOutsideACall() throws Exception {
    host.deployments().deploy(LIFECYCLE, "production");
    CellInfo info =
        host.cells()
            .create(
                new Cells.NewCell(
                    "acme", JSON.createObjectNode(), Optional.of("lifecycle"), "production"));
    host.runs().await(info.setupRunId().orElseThrow());
    Path gate = home.resolve("gate");
    RunInfo run =
        host.runs()
            .start(
                "acme",
                "await",
                JSON.createObjectNode().put("path", gate.toString()),
                Optional.empty());
    while (!Files.exists(home.resolve("cells/acme/work/before-wait.txt"))) {
      Thread.onSpinWait();
    }
    clock.advance(Duration.ofHours(1));
    assertThat(host.pauseIdleCells()).as("a run is waiting, not idle").isEmpty();
    Files.createFile(gate);
    RunInfo done = host.runs().await(run.id());
    assertThat(done.status()).isEqualTo(RunStatus.SUCCEEDED);
    clock.advance(Duration.ofMinutes(6));
    assertThat(host.pauseIdleCells())
        .as("the agent's 5 minute idle timeout")
        .containsExactly("acme");
  }

  @Test
  void eachCellUsesItsAgentsIdleTimeout() {
    host.deployments().deploy(LIFECYCLE, "production");
    host.runs()
        .await(
            host.cells()
                .create(
                    new Cells.NewCell(
                        "small", JSON.createObjectNode(), Optional.of("lifecycle"), "production"))
                .setupRunId()
                .orElseThrow());
    plainCell("plain");
    clock.advance(Duration.ofMinutes(6));
    assertThat(host.pauseIdleCells()).containsExactly("small");
    assertThat(state("plain")).isEqualTo(CellState.ACTIVE);
  }

  @Test
  void filesMemoryIndexAndJournalSurvivePauseResumeAndRestart() throws Exception {
    byte[] echo = PluginJars.plugin("echo-plugin", "1.0.0", EchoAgent.class);
    host.deployments().deploy(echo, "production");
    CellInfo info =
        host.cells()
            .create(
                new Cells.NewCell(
                    "acme", JSON.createObjectNode(), Optional.of("echo"), "production"));
    host.runs().await(info.setupRunId().orElseThrow());
    Cell cell = host.cells().cell("acme");
    cell.files().write("src/Shop.java", "class Shop { int basketTotal; }".getBytes());
    cell.memory().set("k", TextNode.valueOf("v"));
    RunInfo run =
        host.runs()
            .await(
                host.runs()
                    .start(
                        "acme",
                        "code",
                        JSON.readTree("{\"query\":\"basket\",\"topK\":3,\"regex\":\"basket\"}"),
                        Optional.empty())
                    .id());
    assertThat(run.status()).isEqualTo(RunStatus.SUCCEEDED);
    int steps = host.runs().journal(run.id()).size();

    clock.advance(Duration.ofHours(1));
    assertThat(host.pauseIdleCells()).containsExactly("acme");
    assertSurvived(run.id(), steps, "after a pause and wake");

    host.pauseIdleCells();
    clock.advance(Duration.ofHours(1));
    host.pauseIdleCells();
    host = oncell.restart();
    assertThat(state("acme")).isEqualTo(CellState.PAUSED);
    assertSurvived(run.id(), steps, "after a restart of a paused cell");

    host = oncell.restart(); // an ACTIVE cell this time
    assertSurvived(run.id(), steps, "after a restart of an active cell");
  }

  private void assertSurvived(String runId, int steps, String when) {
    Cell cell = host.cells().cell("acme");
    assertThat(new String(cell.files().read("src/Shop.java"))).as(when).contains("basketTotal");
    assertThat(cell.memory().get("k")).as(when).contains(TextNode.valueOf("v"));
    assertThat(cell.search().search("basketTotal", 3, Optional.empty()))
        .as("index " + when)
        .isNotEmpty();
    assertThat(host.runs().journal(runId)).as("journal " + when).hasSize(steps);
    assertThat(state("acme")).isEqualTo(CellState.ACTIVE);
  }
}
