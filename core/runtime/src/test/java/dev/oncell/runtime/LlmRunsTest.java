package dev.oncell.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.oncell.llm.VariableResolver;
import dev.oncell.llm.testing.StandIn;
import dev.oncell.llm.testing.Wire;
import dev.oncell.runtime.fixtures.ShopRepo;
import dev.oncell.runtime.fixtures.TestHost;
import dev.oncell.runtime.testagents.OfflineAgent;
import dev.oncell.runtime.testagents.PlannerAgent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ctx.llm} in real runs: real hosts, sandboxes and journals, with the providers replaced by
 * stand-ins that speak their wire formats and count requests.
 */
class LlmRunsTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  static final byte[] PLANNER = PluginJars.plugin("planner", "1.0.0", PlannerAgent.class);
  static final byte[] OFFLINE = PluginJars.plugin("offline", "1.0.0", OfflineAgent.class);
  static final String KEY = "sk-runs-test-4f1d9c";
  private static final String SETTINGS = "  timeout: 5s\n  max_retry_wait: 1s";

  @TempDir Path tmp;

  @RegisterExtension
  final TestHost oncell =
      TestHost.create(
          c ->
              c.withEmbeddingModel("none")
                  .withEnvironment(
                      VariableResolver.of(
                          Map.of("OPENAI_API_KEY", KEY, "ANTHROPIC_API_KEY", "sk-ant-xyz"))));

  private final Path home = oncell.home();
  private Host host;
  private final StandIn openai = StandIn.start();
  private final StandIn anthropic = StandIn.start();
  private final StandIn ollama = StandIn.start();

  @BeforeEach
  void open() throws Exception {
    writeConfig(SETTINGS);
    host = oncell.open();
    host.deployments().deploy(PLANNER, "production");
    host.deployments().deploy(OFFLINE, "production");
  }

  private void writeConfig(String settings) throws Exception {
    Files.writeString(
        home.resolve("oncell.yaml"),
        """
        llm:
          default: openai
        %s
          providers:
            openai:    { api_key: $OPENAI_API_KEY, model: gpt-4o, base_url: %s }
            anthropic: { api_key: $ANTHROPIC_API_KEY, model: claude-sonnet-4-20250514, base_url: %s }
            local:     { base_url: %s, model: llama3 }
        """
            .formatted(settings, openai.v1(), anthropic.v1(), ollama.url()));
  }

  private void reopen(String settings) throws Exception {
    oncell.stop();
    writeConfig(settings);
    host = oncell.open();
  }

  @AfterEach
  void close() {
    openai.close();
    anthropic.close();
    ollama.close();
  }

  private void customer(String id, String agent, ObjectNode config) {
    CellInfo info =
        host.cells().create(new Cells.NewCell(id, config, Optional.of(agent), "production"));
    host.runs().await(info.setupRunId().orElseThrow());
  }

  private void customer(String id, String agent) {
    customer(id, agent, JSON.createObjectNode());
  }

  private RunInfo call(String customer, String method, String input) throws Exception {
    RunInfo started = host.runs().start(customer, method, JSON.readTree(input), Optional.empty());
    return host.runs().await(started.id());
  }

  private static JsonNode result(RunInfo run) {
    assertThat(run.status()).as("run %s: %s", run.id(), run.error()).isEqualTo(RunStatus.SUCCEEDED);
    return run.result().orElseThrow();
  }

  private static String error(RunInfo run) {
    assertThat(run.status()).as("run %s should fail", run.id()).isEqualTo(RunStatus.FAILED);
    return run.error().orElseThrow().code();
  }

  @Test
  void routesByModelNameToEachProvider() throws Exception {
    customer("acme", "planner");
    openai.then(Wire.openAiText("gpt-4o-2024-08-06", "from openai", 10, 2));
    anthropic.then(Wire.anthropicText("claude-3-5-haiku-20241022", "from anthropic", 11, 3));
    ollama.then(Wire.ollamaText("llama3", "from local", 12, 4));

    JsonNode byDefault = result(call("acme", "ask", "{\"prompt\":\"hi\"}"));
    assertThat(byDefault.path("text").asText()).isEqualTo("from openai");
    assertThat(byDefault.path("model").asText()).isEqualTo("gpt-4o-2024-08-06");
    assertThat(byDefault.path("provider").asText()).isEqualTo("openai");
    assertThat(byDefault.path("usage").path("inputTokens").asLong()).isEqualTo(10);
    assertThat(byDefault.path("usage").path("outputTokens").asLong()).isEqualTo(2);

    JsonNode claude =
        result(call("acme", "ask", "{\"prompt\":\"hi\",\"model\":\"claude-3-5-haiku-20241022\"}"));
    assertThat(claude.path("text").asText()).isEqualTo("from anthropic");
    assertThat(anthropic.last().json().path("model").asText())
        .isEqualTo("claude-3-5-haiku-20241022");

    JsonNode local = result(call("acme", "ask", "{\"prompt\":\"hi\",\"model\":\"local\"}"));
    assertThat(local.path("text").asText()).isEqualTo("from local");
    assertThat(List.of(openai.count(), anthropic.count(), ollama.count())).containsExactly(1, 1, 1);
  }

  @Test
  void optionsAndContextReachTheModel() throws Exception {
    customer("acme", "planner");
    openai.then(Wire.openAiText("gpt-4o", "ok", 1, 1));
    result(
        call(
            "acme",
            "ask",
            """
            {"prompt":"Summarize","system":"Be brief.","temperature":0.3,"maxTokens":77}
            """));
    JsonNode sent = openai.last().json();
    assertThat(sent.path("temperature").asDouble()).isEqualTo(0.3);
    assertThat(sent.path("max_tokens").asInt(sent.path("max_completion_tokens").asInt()))
        .isEqualTo(77);
    assertThat(sent.path("messages").get(0).path("role").asText()).isEqualTo("system");
    assertThat(sent.path("messages").get(0).path("content").asText()).isEqualTo("Be brief.");
    assertThat(sent.path("messages").get(1).path("content").asText()).isEqualTo("Summarize");
  }

  @Test
  void anAirGappedCellUsesLocalAndIsRefusedTheRest() throws Exception {
    customer("acme", "offline");
    ollama.then(Wire.ollamaText("llama3", "local answer", 3, 2));
    assertThat(result(call("acme", "ask", "{\"prompt\":\"hi\",\"model\":\"local\"}")).asText())
        .isEqualTo("local answer");

    RunInfo refused = call("acme", "ask", "{\"prompt\":\"hi\",\"model\":\"gpt-4o\"}");
    assertThat(error(refused)).isEqualTo("llm_egress_blocked");
    assertThat(refused.error().orElseThrow().message()).contains("local").contains("openai");
    assertThat(openai.count()).as("nothing left the machine").isZero();
  }

  @Test
  void theToolLoopRunsShellAndSearchInTheCellAsJournaledSteps() throws Exception {
    customer("acme", "planner");
    ShopRepo.writeTo(home.resolve("cells/acme/work"));
    host.cells().cell("acme").search().index("/work", Optional.empty());
    openai.then(
        Wire.openAiToolCalls(
            "gpt-4o",
            20,
            5,
            new Wire.Call(
                "call_1", "shell", "{\"command\":\"echo planned > notes.txt; cat notes.txt\"}"),
            new Wire.Call("call_2", "search", "{\"query\":\"verify token\",\"topK\":2}")),
        Wire.openAiText("gpt-4o", "Done: notes written.", 40, 6));

    RunInfo run =
        call("acme", "ask", "{\"prompt\":\"write notes\",\"tools\":[\"SHELL\",\"SEARCH\"]}");
    JsonNode answer = result(run);
    assertThat(answer.path("text").asText()).isEqualTo("Done: notes written.");
    assertThat(answer.path("usage").path("inputTokens").asLong()).as("both rounds").isEqualTo(60);
    assertThat(answer.path("toolCalls")).hasSize(2);
    assertThat(answer.path("toolCalls").get(0).path("result").asText())
        .contains("exit code 0")
        .contains("planned");
    assertThat(answer.path("toolCalls").get(1).path("result").asText()).contains("auth");
    assertThat(home.resolve("cells/acme/work/notes.txt")).hasContent("planned\n");

    JsonNode second = openai.requests().get(1).json().path("messages");
    JsonNode toolResult = second.get(second.size() - 2);
    assertThat(toolResult.path("role").asText()).isEqualTo("tool");
    assertThat(toolResult.path("tool_call_id").asText()).isEqualTo("call_1");
    assertThat(toolResult.path("content").asText()).contains("planned");
    assertThat(openai.requests().getFirst().json().path("tools")).hasSize(2);

    assertThat(host.runs().journal(run.id()))
        .extracting(RunStep::kind)
        .containsSubsequence("llm", "shell", "search", "llm");
  }

  @Test
  void theToolLoopStopsAtItsRoundLimit() throws Exception {
    customer("acme", "planner");
    for (int i = 0; i < 3; i++) {
      openai.then(
          Wire.openAiToolCalls(
              "gpt-4o", 1, 1, new Wire.Call("c" + i, "shell", "{\"command\":\"true\"}")));
    }
    RunInfo run =
        call("acme", "ask", "{\"prompt\":\"loop\",\"tools\":[\"SHELL\"],\"maxToolRounds\":2}");
    assertThat(error(run)).isEqualTo("llm_tool_rounds_exceeded");
    assertThat(openai.count()).isEqualTo(3);
  }

  @Test
  void aMalformedStructuredAnswerIsSentBackOnceAndTheGoodOneIsUsed() throws Exception {
    customer("acme", "planner");
    openai.then(
        Wire.openAiText("gpt-4o", "Sure! I would run the tests.", 30, 8),
        Wire.openAiText("gpt-4o", "{\"summary\":\"test\",\"commands\":[\"echo ok\"]}", 50, 9));
    JsonNode plan = result(call("acme", "plan", "{\"prompt\":\"plan the tests\"}"));
    assertThat(plan.path("summary").asText()).isEqualTo("test");
    assertThat(plan.path("commands").get(0).asText()).isEqualTo("echo ok");

    assertThat(openai.count()).isEqualTo(2);
    JsonNode first = openai.requests().get(0).json();
    assertThat(first.path("messages").get(0).path("content").asText()).contains("\"commands\"");
    assertThat(first.path("response_format").path("type").asText()).isEqualTo("json_object");
    JsonNode retry = openai.requests().get(1).json().path("messages");
    assertThat(retry.get(retry.size() - 1).path("content").asText())
        .contains("holds no JSON value")
        .contains("Answer again");
  }

  @Test
  void aStructuredAnswerThatStaysMalformedFailsTheCall() throws Exception {
    customer("acme", "planner");
    for (int i = 0; i < 3; i++) {
      openai.then(Wire.openAiText("gpt-4o", "{\"summary\":1}", 1, 1));
    }
    RunInfo run = call("acme", "plan", "{\"prompt\":\"plan\"}");
    assertThat(error(run)).isEqualTo("llm_invalid_output");
    assertThat(run.error().orElseThrow().message())
        .contains("Plan")
        .contains("3 tries")
        .contains("commands");
    assertThat(openai.count()).as("one try and two corrections").isEqualTo(3);
  }

  @Test
  void a429IsRetriedAndA401FailsWithTheVariableToFix() throws Exception {
    customer("acme", "planner");
    openai.then(
        Wire.openAiError(429, "slow down", "requests", null).withHeader("Retry-After", "0"),
        Wire.openAiText("gpt-4o", "after the wait", 1, 1));
    assertThat(result(call("acme", "ask", "{\"prompt\":\"hi\"}")).path("text").asText())
        .isEqualTo("after the wait");
    assertThat(openai.count()).isEqualTo(2);

    openai.then(
        Wire.openAiError(
            401, "Incorrect API key provided: " + KEY, "invalid_request_error", "invalid_api_key"));
    RunInfo denied = call("acme", "ask", "{\"prompt\":\"hi\"}");
    assertThat(error(denied)).isEqualTo("llm_auth_failed");
    assertThat(denied.error().orElseThrow().message())
        .contains("$OPENAI_API_KEY")
        .doesNotContain(KEY);
  }

  @Test
  void aProviderThatNeverAnswersFailsTheCallWithATimeout() throws Exception {
    reopen("  timeout: 400ms\n  max_retries: 0");
    customer("acme", "planner");
    openai.then(StandIn.Reply.never());
    RunInfo run = call("acme", "ask", "{\"prompt\":\"hi\"}");
    assertThat(error(run)).isEqualTo("llm_timeout");
    assertThat(run.error().orElseThrow().message()).contains("400 ms");
  }

  @Test
  void streamedDeltasGoOutAsRunEventsInOrder() throws Exception {
    customer("acme", "planner");
    openai.then(Wire.openAiStream("gpt-4o", List.of("The ", "answer ", "is 42."), 5, 4));
    RunInfo run = call("acme", "ask", "{\"prompt\":\"hi\",\"stream\":true}");
    assertThat(result(run).path("text").asText()).isEqualTo("The answer is 42.");
    List<String> deltas =
        host.runs().events(run.id(), 0, Duration.ZERO).events().stream()
            .filter(e -> e.type().equals("llm"))
            .map(e -> e.data().path("delta").asText())
            .toList();
    assertThat(deltas).containsExactly("The ", "answer ", "is 42.");
  }

  @Test
  void withoutAnLlmSectionACallSaysHowToConfigureOne() throws Exception {
    oncell.stop();
    Files.delete(home.resolve("oncell.yaml"));
    host = oncell.open();
    customer("acme", "planner");
    RunInfo run = call("acme", "ask", "{\"prompt\":\"hi\"}");
    assertThat(error(run)).isEqualTo("llm_not_configured");
    assertThat(run.error().orElseThrow().message()).contains("oncell.yaml");
  }

  @Test
  void aBrokenConfigFileStopsTheHostFromOpeningWithItsLine() throws Exception {
    oncell.stop();
    Files.writeString(
        home.resolve("oncell.yaml"),
        "llm:\n  providers:\n    openai: { model: gpt-4o, api_key: $K, colour: red }\n");
    try {
      Host.open(oncell.config()).close();
      throw new AssertionError("the host opened with a broken config");
    } catch (CellException e) {
      assertThat(e.code()).isEqualTo("llm_config_invalid");
      assertThat(e.getMessage()).contains("oncell.yaml line 3").contains("colour");
    } finally {
      Files.delete(home.resolve("oncell.yaml"));
      host = oncell.open();
    }
  }

  @Test
  void theSeedDocumentationCallSurvivesARestartWithoutASecondLlmRequest() throws Exception {
    Path gate = tmp.resolve("gate");
    ObjectNode config = JSON.createObjectNode().put("gate", gate.toString());
    customer("acme", "planner", config);
    ShopRepo.writeTo(home.resolve("cells/acme/work"));
    openai.then(
        Wire.openAiText(
            "gpt-4o",
            "{\"summary\":\"document auth\",\"commands\":[\"echo one >> log.txt\",\"echo two >> log.txt\"]}",
            120,
            30));

    RunInfo run =
        host.runs()
            .start(
                "acme",
                "document",
                JSON.readTree("{\"goal\":\"document the auth middleware\"}"),
                Optional.empty());
    Path holding = tmp.resolve("holding");
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (!Files.exists(holding)) {
      assertThat(System.nanoTime()).as("the run reaches its hold").isLessThan(deadline);
      Thread.sleep(20);
    }
    oncell.stop(); // the run stays RUNNING in the record, cut in the middle
    Files.createFile(gate);
    host = oncell.open();
    RunInfo done = host.runs().await(run.id());

    JsonNode outcome = result(done);
    assertThat(outcome.path("outputs").size()).isEqualTo(2);
    assertThat(openai.count()).as("the journaled plan is replayed: no second request").isEqualTo(1);
    assertThat(host.usage().customer("acme").totalTokens())
        .as("tokens counted once")
        .isEqualTo(150);
    assertThat(home.resolve("cells/acme/work/log.txt")).hasContent("one\ntwo\n");
    String prompt = openai.last().json().path("messages").toString();
    assertThat(prompt).contains("document path=").contains("auth");
    List<RunStep> journal = host.runs().journal(done.id());
    assertThat(journal)
        .extracting(RunStep::kind)
        .containsSubsequence("index", "search", "llm", "shell", "step", "shell");
  }
}
