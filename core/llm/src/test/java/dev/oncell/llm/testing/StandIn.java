package dev.oncell.llm.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * A stand-in for an LLM provider on 127.0.0.1: it answers each request with the next scripted
 * {@link Reply} (OpenAI, Anthropic or Ollama wire format, see {@link Wire}) and records every
 * request. A request with nothing scripted gets a 500 that names the missing script.
 */
public final class StandIn implements AutoCloseable {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** One scripted answer. {@code chunks} are written one by one and flushed (SSE or NDJSON). */
  public record Reply(
      int status,
      Map<String, String> headers,
      String contentType,
      List<String> chunks,
      boolean hangs) {

    public static Reply json(String body) {
      return json(200, body);
    }

    public static Reply json(int status, String body) {
      return new Reply(status, Map.of(), "application/json", List.of(body), false);
    }

    /** Server-sent events: each chunk is one event's data. */
    public static Reply sse(List<String> data) {
      return new Reply(
          200,
          Map.of(),
          "text/event-stream",
          data.stream()
              .map(d -> d.startsWith("event:") ? d + "\n\n" : "data: " + d + "\n\n")
              .toList(),
          false);
    }

    /** Newline-delimited JSON, as Ollama streams. */
    public static Reply ndjson(List<String> lines) {
      return new Reply(
          200, Map.of(), "application/x-ndjson", lines.stream().map(l -> l + "\n").toList(), false);
    }

    /** Accepts the request and never answers. */
    public static Reply never() {
      return new Reply(200, Map.of(), "application/json", List.of(), true);
    }

    public Reply withHeader(String name, String value) {
      Map<String, String> h = new LinkedHashMap<>(headers);
      h.put(name, value);
      return new Reply(status, h, contentType, chunks, hangs);
    }
  }

  /** A request as the stand-in saw it. */
  public record Request(
      String method, String path, Map<String, List<String>> headers, String body) {

    public JsonNode json() {
      try {
        return JSON.readTree(body);
      } catch (IOException e) {
        throw new AssertionError("request body is not JSON: " + body, e);
      }
    }

    public Optional<String> header(String name) {
      return headers.entrySet().stream()
          .filter(e -> e.getKey().equalsIgnoreCase(name))
          .flatMap(e -> e.getValue().stream())
          .findFirst();
    }
  }

  private final HttpServer server;
  private final Deque<Reply> script = new ArrayDeque<>();
  private final List<Request> requests = new CopyOnWriteArrayList<>();
  private final CountDownLatch closing = new CountDownLatch(1);

  private StandIn() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setExecutor(
        Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("stand-in-", 0).factory()));
    server.createContext("/", this::handle);
    server.start();
  }

  public static StandIn start() {
    try {
      return new StandIn();
    } catch (IOException e) {
      throw new AssertionError("cannot start a stand-in model server", e);
    }
  }

  /** {@code http://127.0.0.1:port}. */
  public String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  /** {@link #url()} with {@code /v1}, as OpenAI-style base URLs are written. */
  public String v1() {
    return url() + "/v1";
  }

  /** Adds answers to the script, in order. */
  public synchronized StandIn then(Reply... replies) {
    script.addAll(List.of(replies));
    return this;
  }

  public int count() {
    return requests.size();
  }

  public List<Request> requests() {
    return List.copyOf(requests);
  }

  public Request last() {
    if (requests.isEmpty()) {
      throw new AssertionError("the stand-in got no request");
    }
    return requests.getLast();
  }

  private synchronized Optional<Reply> next() {
    return Optional.ofNullable(script.pollFirst());
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      requests.add(
          new Request(
              exchange.getRequestMethod(),
              exchange.getRequestURI().getPath(),
              Map.copyOf(exchange.getRequestHeaders()),
              body));
      Optional<Reply> scripted = next();
      if (scripted.isEmpty()) {
        byte[] msg =
            ("{\"error\":{\"message\":\"the stand-in has no scripted reply for request "
                    + requests.size()
                    + "\"}}")
                .getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(500, msg.length);
        exchange.getResponseBody().write(msg);
        return;
      }
      Reply reply = scripted.get();
      if (reply.hangs()) {
        closing.await(60, TimeUnit.SECONDS);
        return;
      }
      reply.headers().forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
      exchange.getResponseHeaders().set("Content-Type", reply.contentType());
      boolean streamed =
          reply.chunks().size() != 1 || !reply.contentType().equals("application/json");
      if (streamed) {
        exchange.sendResponseHeaders(reply.status(), 0);
        OutputStream out = exchange.getResponseBody();
        for (String chunk : reply.chunks()) {
          out.write(chunk.getBytes(StandardCharsets.UTF_8));
          out.flush();
        }
      } else {
        byte[] bytes = reply.chunks().getFirst().getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(reply.status(), bytes.length);
        exchange.getResponseBody().write(bytes);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    closing.countDown();
    server.stop(0);
  }
}
