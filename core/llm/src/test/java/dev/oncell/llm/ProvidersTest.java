package dev.oncell.llm;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.oncell.llm.testing.StandIn;
import dev.oncell.llm.testing.Wire;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The real LangChain4j clients against stand-ins that speak each provider's wire format: what goes
 * out (model, key, parameters, tools) and what comes back (text, tool calls, usage, model).
 */
class ProvidersTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final StandIn openai = StandIn.start();
  private final StandIn anthropic = StandIn.start();
  private final StandIn ollama = StandIn.start();
  private final LlmRouter router =
      LlmRouter.create(
          LlmConfig.parse(
              """
              llm:
                default: openai
                providers:
                  openai:    { api_key: $OPENAI_API_KEY, model: gpt-4o, base_url: %s }
                  anthropic: { api_key: $ANTHROPIC_API_KEY, model: claude-sonnet-4-20250514, base_url: %s }
                  local:     { base_url: %s, model: llama3 }
              """
                  .formatted(openai.v1(), anthropic.v1(), ollama.url()),
              "test.yaml"),
          VariableResolver.of(Map.of("OPENAI_API_KEY", "sk-open", "ANTHROPIC_API_KEY", "sk-ant")),
          d -> {},
          Clock.systemUTC());

  @AfterEach
  void stop() {
    router.close();
    openai.close();
    anthropic.close();
    ollama.close();
  }

  private static ToolSpec shellTool() throws Exception {
    return new ToolSpec(
        "shell",
        "Runs a command",
        JSON.readTree(
            """
            {"type":"object","properties":{"command":{"type":"string","description":"the command"}},
             "required":["command"]}
            """));
  }

  @Test
  void openAiPlainAnswerCarriesTextUsageAndModel() {
    openai.then(Wire.openAiText("gpt-4o-2024-08-06", "Paris.", 12, 3));
    LlmReply reply =
        router.chat(
            router.route(Optional.empty()),
            LlmRequest.of("Capital of France?").withTemperature(0.2).withMaxTokens(50));

    assertThat(reply.text()).isEqualTo("Paris.");
    assertThat(reply.model()).as("the model that answered").isEqualTo("gpt-4o-2024-08-06");
    assertThat(reply.provider()).isEqualTo("openai");
    assertThat(reply.usage()).isEqualTo(new TokenUsage(12, 3));
    assertThat(reply.finishReason()).isEqualTo("stop");

    StandIn.Request sent = openai.last();
    assertThat(sent.path()).isEqualTo("/v1/chat/completions");
    assertThat(sent.header("Authorization")).contains("Bearer sk-open");
    JsonNode body = sent.json();
    assertThat(body.path("model").asText()).isEqualTo("gpt-4o");
    assertThat(body.path("temperature").asDouble()).isEqualTo(0.2);
    assertThat(body.path("messages").get(0).path("content").asText())
        .isEqualTo("Capital of France?");
    assertThat(openai.count()).isEqualTo(1);
    assertThat(router.requestsSent()).isEqualTo(1);
  }

  @Test
  void openAiStreamsDeltasInOrderAndCountsUsage() {
    openai.then(Wire.openAiStream("gpt-4o", List.of("Hel", "lo", " world"), 7, 3));
    List<String> deltas = new ArrayList<>();
    LlmReply reply =
        router.stream(router.route(Optional.of("gpt-4o")), LlmRequest.of("hi"), deltas::add);

    assertThat(deltas).containsExactly("Hel", "lo", " world");
    assertThat(reply.text()).isEqualTo("Hello world");
    assertThat(reply.usage()).isEqualTo(new TokenUsage(7, 3));
    assertThat(openai.last().json().path("stream").asBoolean()).isTrue();
  }

  @Test
  void openAiToolCallsGoOutAsToolsAndComeBackAsCalls() throws Exception {
    openai.then(
        Wire.openAiToolCalls(
            "gpt-4o", 20, 5, new Wire.Call("call_1", "shell", "{\"command\":\"ls -la\"}")));
    LlmReply reply =
        router.chat(
            router.route(Optional.empty()),
            LlmRequest.of("list files").withTools(List.of(shellTool())));

    assertThat(reply.toolCalls())
        .containsExactly(new ToolCall("call_1", "shell", "{\"command\":\"ls -la\"}"));
    assertThat(reply.finishReason()).isEqualTo("tool_calls");
    JsonNode tool = openai.last().json().path("tools").get(0);
    assertThat(tool.path("type").asText()).isEqualTo("function");
    assertThat(tool.path("function").path("name").asText()).isEqualTo("shell");
    assertThat(tool.path("function").path("parameters").path("properties").has("command")).isTrue();

    // The result goes back as a tool message answering the call's id.
    openai.then(Wire.openAiText("gpt-4o", "two files", 30, 2));
    List<Message> conversation =
        List.of(
            Message.user("list files"),
            new Message.Assistant("", reply.toolCalls()),
            new Message.ToolResult("call_1", "shell", "a.txt\nb.txt"));
    router.chat(
        router.route(Optional.empty()),
        LlmRequest.of("x").withMessages(conversation).withTools(List.of(shellTool())));
    JsonNode messages = openai.last().json().path("messages");
    assertThat(messages.get(1).path("tool_calls").get(0).path("id").asText()).isEqualTo("call_1");
    assertThat(messages.get(2).path("role").asText()).isEqualTo("tool");
    assertThat(messages.get(2).path("tool_call_id").asText()).isEqualTo("call_1");
    assertThat(messages.get(2).path("content").asText()).isEqualTo("a.txt\nb.txt");
  }

  @Test
  void openAiStreamedToolCallIsAssembled() throws Exception {
    openai.then(
        Wire.openAiStreamToolCall(
            "gpt-4o", new Wire.Call("call_9", "shell", "{\"command\":\"make test\"}"), 10, 4));
    List<String> deltas = new ArrayList<>();
    LlmReply reply =
        router.stream(
            router.route(Optional.empty()),
            LlmRequest.of("test it").withTools(List.of(shellTool())),
            deltas::add);
    assertThat(reply.toolCalls())
        .containsExactly(new ToolCall("call_9", "shell", "{\"command\":\"make test\"}"));
    assertThat(deltas).isEmpty();
  }

  @Test
  void anthropicMessagesApi() throws Exception {
    anthropic.then(Wire.anthropicText("claude-sonnet-4-20250514", "Bonjour", 9, 2));
    LlmReply reply =
        router.chat(router.route(Optional.of("anthropic")), LlmRequest.of("Say hello in French"));

    assertThat(reply.text()).isEqualTo("Bonjour");
    assertThat(reply.provider()).isEqualTo("anthropic");
    assertThat(reply.usage()).isEqualTo(new TokenUsage(9, 2));
    StandIn.Request sent = anthropic.last();
    assertThat(sent.path()).isEqualTo("/v1/messages");
    assertThat(sent.header("x-api-key")).contains("sk-ant");
    assertThat(sent.json().path("model").asText()).isEqualTo("claude-sonnet-4-20250514");
    assertThat(sent.json().path("max_tokens").asInt()).as("Anthropic needs a cap").isPositive();

    anthropic.then(
        Wire.anthropicToolUse(
            "claude-sonnet-4-20250514",
            15,
            6,
            new Wire.Call("toolu_1", "shell", "{\"command\":\"pwd\"}")));
    LlmReply tools =
        router.chat(
            router.route(Optional.of("claude-sonnet-4-20250514")),
            LlmRequest.of("where?").withTools(List.of(shellTool())));
    assertThat(tools.toolCalls()).hasSize(1);
    assertThat(tools.toolCalls().getFirst().id()).isEqualTo("toolu_1");
    assertThat(JSON.readTree(tools.toolCalls().getFirst().arguments()).path("command").asText())
        .isEqualTo("pwd");
    assertThat(anthropic.last().json().path("tools").get(0).path("name").asText())
        .isEqualTo("shell");
  }

  @Test
  void anthropicStreams() {
    anthropic.then(Wire.anthropicStream("claude-sonnet-4-20250514", List.of("Bon", "jour"), 5, 2));
    List<String> deltas = new ArrayList<>();
    LlmReply reply =
        router.stream(router.route(Optional.of("anthropic")), LlmRequest.of("hi"), deltas::add);
    assertThat(deltas).containsExactly("Bon", "jour");
    assertThat(reply.text()).isEqualTo("Bonjour");
    assertThat(reply.usage().inputTokens()).isEqualTo(5);
  }

  @Test
  void ollamaChatApi() throws Exception {
    ollama.then(Wire.ollamaText("llama3", "hi there", 4, 2));
    LlmReply reply = router.chat(router.route(Optional.of("local")), LlmRequest.of("hello"));
    assertThat(reply.text()).isEqualTo("hi there");
    assertThat(reply.provider()).isEqualTo("local");
    assertThat(reply.usage()).isEqualTo(new TokenUsage(4, 2));
    assertThat(ollama.last().path()).isEqualTo("/api/chat");
    assertThat(ollama.last().json().path("model").asText()).isEqualTo("llama3");

    ollama.then(
        Wire.ollamaToolCall("llama3", 8, 3, new Wire.Call("", "shell", "{\"command\":\"ls\"}")));
    LlmReply call =
        router.chat(
            router.route(Optional.of("local")),
            LlmRequest.of("ls").withTools(List.of(shellTool())));
    assertThat(call.toolCalls()).hasSize(1);
    assertThat(call.toolCalls().getFirst().id())
        .as("Ollama gives no ids; one is made up")
        .isNotBlank();
    assertThat(JSON.readTree(call.toolCalls().getFirst().arguments()).path("command").asText())
        .isEqualTo("ls");
  }

  @Test
  void ollamaStreams() {
    ollama.then(Wire.ollamaStream("llama3", List.of("a", "b", "c"), 3, 3));
    List<String> deltas = new ArrayList<>();
    LlmReply reply =
        router.stream(router.route(Optional.of("local")), LlmRequest.of("abc"), deltas::add);
    assertThat(deltas).containsExactly("a", "b", "c");
    assertThat(reply.text()).isEqualTo("abc");
  }

  @Test
  void jsonModeIsAskedOfProvidersThatHaveIt() {
    openai.then(Wire.openAiText("gpt-4o", "{\"a\":1}", 1, 1));
    router.chat(router.route(Optional.empty()), LlmRequest.of("json please").withJson(true));
    assertThat(openai.last().json().path("response_format").path("type").asText())
        .isEqualTo("json_object");
  }
}
