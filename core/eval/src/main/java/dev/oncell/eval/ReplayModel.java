package dev.oncell.eval;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
import java.util.concurrent.Executors;

/**
 * The model behind {@code --model scripted:DIR}: a server on 127.0.0.1 speaking OpenAI's chat
 * completions API (plain and streamed), which answers each request with the next recorded answer of
 * the task in progress. The host's real provider client talks to it, so the harness runs the same
 * code path as with a real model, offline and deterministically. Token usage is reported as a
 * quarter of the characters in and out. A request with nothing left fails with a 400, which the
 * agent sees as a model error (and the task as not resolved).
 */
final class ReplayModel implements AutoCloseable {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpServer server;
  private final Deque<String> answers = new ArrayDeque<>();
  private int requests;

  private ReplayModel() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setExecutor(
        Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("eval-model-", 0).factory()));
    server.createContext("/", this::handle);
    server.start();
  }

  static ReplayModel start() {
    try {
      return new ReplayModel();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start the replayed model", e);
    }
  }

  /** Replaces what is left with {@code next}, the answers of the task about to run. */
  synchronized void load(List<String> next) {
    answers.clear();
    answers.addAll(next);
  }

  /** Answers not asked for yet: a recorded answer the agent never asked for. */
  synchronized int unused() {
    return answers.size();
  }

  synchronized int requests() {
    return requests;
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
            openai: { api_key: sk-replayed-0000, model: replayed, base_url: %s }
            local:  { type: openai-compatible, base_url: %s, model: replayed-local, local: true }
        """
        .formatted(url, url);
  }

  private synchronized String next() {
    requests++;
    return answers.pollFirst();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      JsonNode request = JSON.readTree(body);
      String answer = next();
      if (answer == null) {
        ObjectNode error = JSON.createObjectNode();
        error
            .putObject("error")
            .put("message", "the recorded answers of this task are used up")
            .put("type", "invalid_request_error");
        send(exchange, 400, "application/json", JSON.writeValueAsBytes(error));
        return;
      }
      long in = body.length() / 4;
      long out = answer.length() / 4;
      ObjectNode usage =
          JSON.createObjectNode()
              .put("prompt_tokens", in)
              .put("completion_tokens", out)
              .put("total_tokens", in + out);
      String model = request.path("model").asText("replayed");
      ObjectNode message = JSON.createObjectNode().put("role", "assistant").put("content", answer);
      if (request.path("stream").asBoolean(false)) {
        StringBuilder sse = new StringBuilder();
        sse.append("data: ").append(chunk(model, message, null, null)).append("\n\n");
        sse.append("data: ").append(chunk(model, JSON.createObjectNode(), "stop", null));
        sse.append("\n\n");
        sse.append("data: ").append(chunk(model, null, null, usage)).append("\n\n");
        sse.append("data: [DONE]\n\n");
        send(exchange, 200, "text/event-stream", sse.toString().getBytes(StandardCharsets.UTF_8));
        return;
      }
      ObjectNode root =
          JSON.createObjectNode()
              .put("id", "chatcmpl-replayed")
              .put("object", "chat.completion")
              .put("created", 1_700_000_000)
              .put("model", model);
      ObjectNode choice = root.putArray("choices").addObject().put("index", 0);
      choice.set("message", message);
      choice.put("finish_reason", "stop");
      root.set("usage", usage);
      send(exchange, 200, "application/json", JSON.writeValueAsBytes(root));
    }
  }

  private static String chunk(String model, JsonNode delta, String finish, JsonNode usage) {
    ObjectNode root =
        JSON.createObjectNode()
            .put("id", "chatcmpl-replayed")
            .put("object", "chat.completion.chunk")
            .put("created", 1_700_000_000)
            .put("model", model);
    var choices = root.putArray("choices");
    if (delta != null) {
      ObjectNode choice = choices.addObject().put("index", 0);
      choice.set("delta", delta);
      if (finish == null) {
        choice.putNull("finish_reason");
      } else {
        choice.put("finish_reason", finish);
      }
    }
    if (usage != null) {
      root.set("usage", usage);
    }
    return root.toString();
  }

  private static void send(HttpExchange exchange, int status, String type, byte[] body)
      throws IOException {
    exchange.getResponseHeaders().set("Content-Type", type);
    exchange.sendResponseHeaders(status, body.length);
    exchange.getResponseBody().write(body);
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
