package dev.oncell.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.oncell.runtime.fixtures.TestHost;
import dev.oncell.runtime.testagents.BrokenSetupAgent;
import dev.oncell.runtime.testagents.EchoAgent;
import dev.oncell.runtime.testagents.EchoAgentV2;
import dev.oncell.runtime.testagents.ImpostorAgent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class AgentRunsTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  static final byte[] ECHO = PluginJars.plugin("echo-plugin", "1.0.0", EchoAgent.class);

  @RegisterExtension final TestHost oncell = TestHost.create();
  private final Path home = oncell.home();
  private Host host;

  @BeforeEach
  void open() {
    host = oncell.open();
  }

  private CellInfo customer(String id, String agent) {
    CellInfo info =
        host.cells()
            .create(
                new Cells.NewCell(
                    id,
                    JSON.createObjectNode().put("tier", "gold"),
                    Optional.of(agent),
                    "production"));
    host.runs().await(info.setupRunId().orElseThrow());
    return host.cells().find(id).orElseThrow();
  }

  private RunInfo call(String customer, String method, String input) throws Exception {
    RunInfo started = host.runs().start(customer, method, JSON.readTree(input), Optional.empty());
    return host.runs().await(started.id());
  }

  private List<RunEvent> events(String runId) {
    return host.runs().events(runId, 0, Duration.ZERO).events();
  }

  @Test
  void deploysAPluginAndRunsSetupInANewCell() {
    DeploymentInfo deployed = host.deployments().deploy(ECHO, "production");
    assertThat(deployed.agent()).isEqualTo("echo");
    assertThat(deployed.version()).isEqualTo("1.0.0");
    assertThat(deployed.methods())
        .contains("echo", "lines", "orchestrate", "slow")
        .doesNotContain("setup");
    assertThat(host.deployments().deploy(ECHO, "production").id())
        .as("the same jar again is a no-op")
        .isEqualTo(deployed.id());
    assertThat(host.deployments().list()).hasSize(1);

    CellInfo acme = customer("acme", "echo");
    assertThat(acme.state()).isEqualTo(CellState.ACTIVE);
    assertThat(host.cells().cell("acme").memory().get("setup").orElseThrow().asText())
        .isEqualTo("done");
    assertThat(home.resolve("cells/acme/work/README.md")).hasContent("set up for acme");
    assertThat(events(acme.setupRunId().orElseThrow()))
        .extracting(RunEvent::type)
        .containsExactly("started", "progress", "result");
  }

  @Test
  void runsMethodsWithRecordsInAndOut() throws Exception {
    host.deployments().deploy(ECHO, "production");
    customer("acme", "echo");
    RunInfo run = call("acme", "echo", "{\"text\":\"ab\",\"times\":2}");
    assertThat(run.status()).isEqualTo(RunStatus.SUCCEEDED);
    assertThat(run.result().orElseThrow().toString())
        .isEqualTo("{\"text\":\"abab\",\"customer\":\"acme\",\"version\":\"1\"}");
    assertThat(call("acme", "config", "null").result().orElseThrow().asText()).isEqualTo("gold");
    assertThat(call("acme", "database", "null").result().orElseThrow().get("TEXT").asText())
        .isEqualTo("hello");
  }

  @Test
  void shellOutputAndStepsAreStreamedAsEvents() throws Exception {
    host.deployments().deploy(ECHO, "production");
    customer("acme", "echo");
    RunInfo lines = call("acme", "lines", "null");
    assertThat(lines.error()).as("error of lines").isEmpty();
    assertThat(lines.result().orElseThrow().get("stdout").asText()).startsWith("first\n");
    List<String> shell = new ArrayList<>();
    for (RunEvent e : events(lines.id())) {
      if (e.type().equals("shell")) {
        shell.add(e.data().get("stream").asText() + ":" + e.data().get("line").asText());
      }
    }
    assertThat(shell)
        .containsExactlyInAnyOrder("stdout:first", "stderr:second", "stdout:set up for acme");

    RunInfo build = call("acme", "orchestrate", "null");
    assertThat(build.result().orElseThrow().toString())
        .isEqualTo("[\"compiled\",\"tested\",\"app.jar\"]");
    List<String> steps = new ArrayList<>();
    for (RunEvent e : events(build.id())) {
      if (e.type().equals("step")) {
        steps.add(
            e.data().get("step").asText()
                + " "
                + e.data().get("status").asText()
                + " "
                + e.data().get("progress").asDouble());
      }
    }
    assertThat(steps)
        .containsExactly(
            "compile running 0.0", "compile done 0.333",
            "test running 0.333", "test done 0.667",
            "package running 0.667", "package done 1.0");
    List<RunEvent> all = events(build.id());
    assertThat(all.getLast().type()).isEqualTo("result");
    for (int i = 0; i < all.size(); i++) {
      assertThat(all.get(i).seq()).isEqualTo(i + 1);
    }
  }

  @Test
  void badRequestsAreRefusedBeforeARunIsRecorded() throws Exception {
    host.deployments().deploy(ECHO, "production");
    customer("acme", "echo");
    host.cells().create("plain", JsonNodeFactory.instance.objectNode());
    int before = host.runs().list("acme").size();
    assertRefused(
        () -> host.runs().start("ghost", "echo", json("{}"), Optional.empty()), "not_found");
    assertRefused(
        () -> host.runs().start("acme", "nope", json("{}"), Optional.empty()), "unknown_method");
    assertRefused(
        () -> host.runs().start("acme", "echo", json("{\"times\":\"x\"}"), Optional.empty()),
        "invalid_input");
    assertRefused(
        () -> host.runs().start("acme", "echo", json("[1,2]"), Optional.empty()), "invalid_input");
    assertRefused(
        () -> host.runs().start("plain", "echo", json("{}"), Optional.empty()), "no_agent");
    assertThat(host.runs().list("acme")).hasSize(before);
  }

  private static JsonNode json(String text) {
    try {
      return JSON.readTree(text);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static void assertRefused(Runnable call, String code) {
    assertThatThrownBy(call::run)
        .isInstanceOfSatisfying(CellException.class, e -> assertThat(e.code()).isEqualTo(code));
  }

  @Test
  void anAgentThatThrowsFailsItsRunNotTheHost() throws Exception {
    host.deployments().deploy(ECHO, "production");
    customer("acme", "echo");
    RunInfo failed = call("acme", "fail", "null");
    assertThat(failed.status()).isEqualTo(RunStatus.FAILED);
    assertThat(failed.error().orElseThrow().code()).isEqualTo("agent_error");
    assertThat(failed.error().orElseThrow().message()).contains("boom from the agent");
    assertThat(events(failed.id()).getLast().type()).isEqualTo("error");

    RunInfo coded = call("acme", "failWithCode", "null");
    assertThat(coded.error().orElseThrow().code())
        .as("an agent's own Failure keeps its code")
        .isEqualTo("echo_text_missing");
    assertThat(coded.error().orElseThrow().message()).isEqualTo("the text to echo is missing");

    RunInfo unsupported = call("acme", "unsupported", "null");
    assertThat(unsupported.error().orElseThrow().code()).isEqualTo("unsupported");
    assertThat(unsupported.error().orElseThrow().message()).contains("ctx.secret");
    // The cell goes on working.
    assertThat(call("acme", "echo", "{\"text\":\"ok\",\"times\":1}").status())
        .isEqualTo(RunStatus.SUCCEEDED);
  }

  @Test
  void aRunPastItsTimeoutIsStoppedWithItsShellCommand() throws Exception {
    host.deployments().deploy(ECHO, "production");
    customer("acme", "echo");
    RunInfo hung = call("acme", "hang", "null");
    assertThat(hung.status()).isEqualTo(RunStatus.TIMED_OUT);
    assertThat(hung.error().orElseThrow().code()).isEqualTo("timeout");
    // The kill is sent before the run is reported; on a loaded machine the processes may take a
    // moment to exit, so wait for them (well under the command's 60 s).
    long deadline = System.nanoTime() + 10_000_000_000L;
    List<ProcessHandle> left = sleepers();
    while (!left.isEmpty() && System.nanoTime() < deadline) {
      Thread.sleep(50);
      left = sleepers();
    }
    assertThat(left).as("the command's processes are gone").isEmpty();

    RunInfo spun = call("acme", "spin", "null");
    assertThat(spun.status()).isEqualTo(RunStatus.TIMED_OUT);
    Thread.sleep(1500); // the agent's thread wakes from its loop and tries one more call
    assertThat(home.resolve("cells/acme/work/after-timeout.txt")).doesNotExist();
    assertThat(call("acme", "echo", "{\"text\":\"ok\",\"times\":1}").status())
        .isEqualTo(RunStatus.SUCCEEDED);
  }

  private static List<ProcessHandle> sleepers() {
    return ProcessHandle.allProcesses()
        .filter(p -> p.isAlive() && p.info().commandLine().orElse("").contains("sleep 60"))
        .toList();
  }

  @Test
  void oneRunAtATimePerCell() throws Exception {
    host.deployments().deploy(ECHO, "production");
    customer("acme", "echo");
    customer("globex", "echo");
    RunInfo slow = host.runs().start("acme", "slow", json("{\"millis\":1500}"), Optional.empty());
    assertRefused(
        () ->
            host.runs()
                .start("acme", "echo", json("{\"text\":\"x\",\"times\":1}"), Optional.empty()),
        "run_in_progress");
    // Another customer is not held up.
    assertThat(call("globex", "echo", "{\"text\":\"x\",\"times\":1}").status())
        .isEqualTo(RunStatus.SUCCEEDED);
    assertThat(host.runs().await(slow.id()).status()).isEqualTo(RunStatus.SUCCEEDED);
  }

  @Test
  void anIdempotencyKeyReturnsTheSameRun() throws Exception {
    host.deployments().deploy(ECHO, "production");
    customer("acme", "echo");
    RunInfo first =
        host.runs().start("acme", "echo", json("{\"text\":\"x\",\"times\":1}"), Optional.of("k-1"));
    host.runs().await(first.id());
    RunInfo again =
        host.runs().start("acme", "echo", json("{\"text\":\"x\",\"times\":1}"), Optional.of("k-1"));
    assertThat(again.id()).isEqualTo(first.id());
    assertThat(host.runs().list("acme").stream().filter(r -> r.method().equals("echo"))).hasSize(1);
  }

  @Test
  void aNewVersionServesNewRunsWhileOldRunsKeepTheirs() throws Exception {
    host.deployments().deploy(ECHO, "production");
    customer("acme", "echo");
    RunInfo slow = host.runs().start("acme", "slow", json("{\"millis\":1000}"), Optional.empty());
    DeploymentInfo v2 =
        host.deployments()
            .deploy(PluginJars.plugin("echo-plugin", "2.0.0", EchoAgentV2.class), "production");
    assertThat(host.runs().await(slow.id()).version()).isEqualTo("1.0.0");
    RunInfo after = call("acme", "echo", "{\"text\":\"ab\",\"times\":1}");
    assertThat(after.version()).isEqualTo("2.0.0");
    assertThat(after.deploymentId()).isEqualTo(v2.id());
    assertThat(after.result().orElseThrow().get("text").asText()).isEqualTo("AB");
  }

  @Test
  void stagingAndProductionAreSeparateUntilPromoted() throws Exception {
    host.deployments().deploy(ECHO, "staging");
    assertRefused(
        () ->
            host.cells()
                .create(
                    new Cells.NewCell(
                        "acme", JSON.createObjectNode(), Optional.of("echo"), "production")),
        "unknown_agent");
    assertThat(host.cells().find("acme")).isEmpty();
    List<DeploymentInfo> promoted =
        host.deployments().promote("staging", "production", Optional.empty());
    assertThat(promoted).extracting(DeploymentInfo::env).containsExactly("production");
    assertThat(customer("acme", "echo").state()).isEqualTo(CellState.ACTIVE);
    assertRefused(
        () -> host.deployments().promote("staging", "staging", Optional.empty()), "invalid_env");
    assertRefused(() -> host.deployments().deploy(ECHO, "qa"), "invalid_env");
  }

  @Test
  void invalidPluginsAreRefusedAndLeaveNothingBehind() throws Exception {
    host.deployments().deploy(ECHO, "production");
    assertRefused(
        () -> host.deployments().deploy("not a jar".getBytes(), "production"), "invalid_plugin");
    assertRefused(
        () -> host.deployments().deploy(PluginJars.notAPlugin(EchoAgent.class), "production"),
        "invalid_plugin");
    assertRefused(
        () ->
            host.deployments()
                .deploy(PluginJars.withoutAgent("empty", EchoAgent.Message.class), "production"),
        "invalid_plugin");
    assertRefused(
        () ->
            host.deployments()
                .deploy(
                    PluginJars.plugin("other-plugin", "1.0.0", ImpostorAgent.class), "production"),
        "agent_name_taken");
    assertThat(host.deployments().list()).hasSize(1);
    try (var jars = Files.list(home.resolve("plugins/deployed"))) {
      assertThat(jars.toList()).hasSize(1);
    }
  }

  @Test
  void aFailedSetupMarksTheCustomerFailed() {
    host.deployments()
        .deploy(PluginJars.plugin("broken", "1.0.0", BrokenSetupAgent.class), "production");
    CellInfo broken = customer("broken-co", "broken-setup");
    assertThat(broken.state()).isEqualTo(CellState.FAILED);
    assertThat(broken.error().orElseThrow().message()).contains("cannot prepare this customer");
    assertRefused(
        () -> host.runs().start("broken-co", "hello", json0(), Optional.empty()),
        "customer_failed");
  }

  private static JsonNode json0() {
    return JsonNodeFactory.instance.nullNode();
  }

  @Test
  void runsSurviveARestartAsRecordsAndDeploymentsReload() throws Exception {
    host.deployments().deploy(ECHO, "production");
    customer("acme", "echo");
    RunInfo run = call("acme", "echo", "{\"text\":\"x\",\"times\":3}");
    host = oncell.restart();
    assertThat(host.runs().find(run.id()).orElseThrow().result().orElseThrow().get("text").asText())
        .isEqualTo("xxx");
    assertThat(events(run.id()).getLast().type()).isEqualTo("result");
    assertThat(call("acme", "echo", "{\"text\":\"y\",\"times\":1}").status())
        .isEqualTo(RunStatus.SUCCEEDED);
  }

  @Test
  void deletingACustomerCancelsItsRunAndRemovesItsRecords() throws Exception {
    host.deployments().deploy(ECHO, "production");
    customer("acme", "echo");
    RunInfo slow = host.runs().start("acme", "slow", json("{\"millis\":20017}"), Optional.empty());
    var outcome =
        java.util.concurrent.CompletableFuture.supplyAsync(() -> host.runs().await(slow.id()));
    Thread.sleep(300);
    host.cells().delete("acme");
    assertThat(outcome.get().status()).isEqualTo(RunStatus.CANCELLED);
    assertThat(host.runs().find(slow.id())).isEmpty();
    assertThat(
            ProcessHandle.allProcesses()
                .filter(p -> p.info().commandLine().orElse("").contains("sleep 20.017"))
                .toList())
        .isEmpty();
  }
}
