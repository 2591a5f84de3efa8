package dev.oncell.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

/**
 * A scripted language model for agent tests: a small server on 127.0.0.1 that speaks OpenAI's chat
 * completions API, the wire format the platform's real client uses, and answers each request with
 * the next scripted reply. Hand it to the kit with {@link OncellTestKit#withModel}: the kit's host
 * then routes {@code ctx.llm} to it as provider {@code openai} (default, remote: the agent's cells
 * need egress, as in production) and {@code local} (for agents without egress).
 *
 * <pre>{@code
 * static final ScriptedModel model = ScriptedModel.start();
 * @RegisterExtension static final OncellTestKit kit =
 *     OncellTestKit.forAgent(MyAgent.class).withModel(model);
 *
 * model.replyJson(new Plan(List.of("make test")));   // what the next request gets
 * model.callTool("shell", Map.of("command", "ls")); // a tool call, then...
 * model.reply("Done.");                              // ...the answer after the tool's result
 * assertThat(model.requestCount()).isEqualTo(3);
 * }</pre>
 *
 * <p>A request with nothing scripted fails the call with {@code llm_bad_request} naming the
 * request. Token usage is reported as a quarter of the characters in and out.
 */
public final class ScriptedModel implements AutoCloseable {

  private static final ObjectMapper JSON =
      new ObjectMapper().registerModule(new Jdk8Module()).registerModule(new JavaTimeModule());

  private final HttpServer server;
  private final Deque<ObjectNode> script = new ArrayDeque<>();
  private final List<JsonNode> requests = new CopyOnWriteArrayList<>();
  private int calls;

  private ScriptedModel() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setExecutor(
        Executors.newThreadPerTaskExecutor(
            Thread.ofVirtual().name("scripted-model-", 0).factory()));
    server.createContext("/", this::handle);
    server.start();
  }

  /** Starts the server on a free loopback port. */
  public static ScriptedModel start() {
    try {
      return new ScriptedModel();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start the scripted model", e);
    }
  }

  /** The next request is answered with {@code text}. */
  public ScriptedModel reply(String text) {
    Objects.requireNonNull(text, "text");
    ObjectNode message = JSON.createObjectNode().put("role", "assistant").put("content", text);
    return enqueue(message, "stop");
  }

  /** The next request is answered with {@code value} as JSON: a structured answer. */
  public ScriptedModel replyJson(Object value) {
    try {
      return reply(JSON.writeValueAsString(value));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The next request is answered with a call of tool {@code name} with {@code arguments}. */
  public ScriptedModel callTool(String name, Object arguments) {
    Objects.requireNonNull(name, "name");
    ObjectNode message = JSON.createObjectNode().put("role", "assistant");
    message.putNull("content");
    ObjectNode call;
    synchronized (this) {
      call = message.putArray("tool_calls").addObject().put("id", "call_" + (++calls));
    }
    call.put("type", "function");
    try {
      call.putObject("function")
          .put("name", name)
          .put("arguments", JSON.writeValueAsString(arguments));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return enqueue(message, "tool_calls");
  }

  private synchronized ScriptedModel enqueue(ObjectNode message, String finish) {
    ObjectNode answer = JSON.createObjectNode();
    answer.set("message", message);
    answer.put("finish_reason", finish);
    script.add(answer);
    return this;
  }

  /** How many requests the model got. */
  public int requestCount() {
    return requests.size();
  }

  /**
   * Every request body, in order (OpenAI's format: {@code model}, {@code messages}, {@code tools}).
   */
  public List<JsonNode> requests() {
    return List.copyOf(requests);
  }

  /** The text of the last message of the last request: the prompt, or a tool's result. */
  public String lastMessage() {
    if (requests.isEmpty()) {
      throw new AssertionError("the scripted model got no request");
    }
    JsonNode messages = requests.getLast().path("messages");
    return messages.get(messages.size() - 1).path("content").asText();
  }

  /** The {@code llm} section of {@code oncell.yaml} that points the host at this model. */
  String configYaml() {
    String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
    return """
        llm:
          default: openai
          max_retries: 0
          timeout: 60s
          providers:
            openai: { api_key: sk-scripted-0000, model: scripted-model, base_url: %s }
            local:  { type: openai-compatible, base_url: %s, model: scripted-local, local: true }
        """
        .formatted(url, url);
  }

  private synchronized ObjectNode next() {
    return script.pollFirst();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      JsonNode request = JSON.readTree(body);
      requests.add(request);
      ObjectNode answer = next();
      byte[] out;
      int status;
      if (answer == null) {
        status = 400;
        ObjectNode error = JSON.createObjectNode();
        error
            .putObject("error")
            .put(
                "message",
                "the scripted model has nothing scripted for request "
                    + requests.size()
                    + "; script it with reply(...), replyJson(...) or callTool(...)")
            .put("type", "invalid_request_error");
        out = JSON.writeValueAsBytes(error);
      } else {
        status = 200;
        ObjectNode root =
            JSON.createObjectNode()
                .put("id", "chatcmpl-scripted-" + requests.size())
                .put("object", "chat.completion")
                .put("created", 1_700_000_000)
                .put("model", request.path("model").asText("scripted-model"));
        ArrayNode choices = root.putArray("choices");
        ObjectNode choice = choices.addObject().put("index", 0);
        choice.setAll(answer);
        long in = body.length() / 4;
        long outTokens = answer.toString().length() / 4;
        root.putObject("usage")
            .put("prompt_tokens", in)
            .put("completion_tokens", outTokens)
            .put("total_tokens", in + outTokens);
        out = JSON.writeValueAsBytes(root);
      }
      if (status == 200 && request.path("stream").asBoolean(false)) {
        stream(exchange, JSON.readTree(out));
        return;
      }
      exchange.getResponseHeaders().set("Content-Type", "application/json");
      exchange.sendResponseHeaders(status, out.length);
      exchange.getResponseBody().write(out);
    }
  }

  /** A streamed answer: the whole message as one chunk, then the finish and the usage. */
  private static void stream(HttpExchange exchange, JsonNode completion) throws IOException {
    JsonNode choice = completion.path("choices").get(0);
    ObjectNode delta = ((ObjectNode) choice.path("message")).deepCopy();
    if (delta.has("tool_calls")) {
      for (JsonNode call : delta.withArray("tool_calls")) {
        ((ObjectNode) call).put("index", 0);
      }
    }
    StringBuilder sse = new StringBuilder();
    sse.append("data: ").append(chunk(completion, delta, null)).append("\n\n");
    sse.append("data: ")
        .append(chunk(completion, JSON.createObjectNode(), choice.path("finish_reason").asText()))
        .append("\n\n");
    ObjectNode usage = JSON.createObjectNode();
    usage.put("id", completion.path("id").asText()).put("object", "chat.completion.chunk");
    usage.put("created", 1_700_000_000).put("model", completion.path("model").asText());
    usage.putArray("choices");
    usage.set("usage", completion.path("usage"));
    sse.append("data: ").append(usage).append("\n\n").append("data: [DONE]\n\n");
    byte[] bytes = sse.toString().getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
    exchange.sendResponseHeaders(200, bytes.length);
    exchange.getResponseBody().write(bytes);
  }

  private static String chunk(JsonNode completion, JsonNode delta, String finish) {
    ObjectNode root = JSON.createObjectNode();
    root.put("id", completion.path("id").asText()).put("object", "chat.completion.chunk");
    root.put("created", 1_700_000_000).put("model", completion.path("model").asText());
    ObjectNode choice = root.putArray("choices").addObject().put("index", 0);
    choice.set("delta", delta);
    if (finish == null) {
      choice.putNull("finish_reason");
    } else {
      choice.put("finish_reason", finish);
    }
    return root.toString();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
