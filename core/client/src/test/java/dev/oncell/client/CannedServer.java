package dev.oncell.client;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A real HTTP server on 127.0.0.1, port 0, answering canned responses keyed by {@code "METHOD
 * raw-path[?raw-query]"} and recording every request. Unknown routes get a 404 in oncell's error
 * format with code {@code no_route}. Shared with the CLI's tests through this module's test jar.
 */
public final class CannedServer implements AutoCloseable {

  /** A request as the server saw it. Header names are lower case. */
  public record Recorded(
      String method,
      String rawPath,
      Optional<String> rawQuery,
      String decodedPath,
      Map<String, String> headers,
      byte[] body) {

    public String bodyText() {
      return new String(body, StandardCharsets.UTF_8);
    }

    public Optional<String> header(String name) {
      return Optional.ofNullable(headers.get(name.toLowerCase(Locale.ROOT)));
    }
  }

  private record Canned(int status, Map<String, String> headers, byte[] body) {}

  /** Writes a response body bit by bit, for responses that must arrive over time. */
  @FunctionalInterface
  public interface BodyWriter {
    void write(OutputStream out) throws IOException, InterruptedException;
  }

  private record Streamed(Map<String, String> headers, BodyWriter writer) {}

  private final HttpServer server;
  private final ExecutorService executor;
  private final Map<String, Canned> routes = new ConcurrentHashMap<>();
  private final Map<String, Streamed> streamed = new ConcurrentHashMap<>();
  private final List<Recorded> requests = new CopyOnWriteArrayList<>();

  private CannedServer(HttpServer server, ExecutorService executor) {
    this.server = server;
    this.executor = executor;
  }

  public static CannedServer start() throws IOException {
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    ExecutorService executor =
        Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("canned-server-", 0).factory());
    CannedServer canned = new CannedServer(server, executor);
    server.createContext("/", canned::handle);
    server.setExecutor(executor);
    server.start();
    return canned;
  }

  public URI url() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  /** Answers {@code route} with a JSON body ({@code ""} for none). */
  public CannedServer onJson(String route, int status, String json) {
    return on(
        route,
        status,
        Map.of("Content-Type", "application/json"),
        json.getBytes(StandardCharsets.UTF_8));
  }

  public CannedServer on(String route, int status, Map<String, String> headers, byte[] body) {
    routes.put(route, new Canned(status, headers, body));
    return this;
  }

  /** Answers {@code route} with 200 and a {@code text/event-stream} body sent in one piece. */
  public CannedServer onEvents(String route, String eventStream) {
    return on(
        route,
        200,
        Map.of("Content-Type", "text/event-stream"),
        eventStream.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Answers {@code route} with 200 and a chunked {@code text/event-stream} body that {@code writer}
   * writes (and flushes) over time; the response ends when {@code writer} returns.
   */
  public CannedServer onEvents(String route, BodyWriter writer) {
    streamed.put(route, new Streamed(Map.of("Content-Type", "text/event-stream"), writer));
    return this;
  }

  public List<Recorded> requests() {
    return List.copyOf(requests);
  }

  public Recorded lastRequest() {
    if (requests.isEmpty()) {
      throw new AssertionError("the server received no request");
    }
    return requests.getLast();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      URI uri = exchange.getRequestURI();
      Map<String, String> headers = new HashMap<>();
      exchange
          .getRequestHeaders()
          .forEach(
              (name, values) ->
                  headers.put(name.toLowerCase(Locale.ROOT), String.join(",", values)));
      byte[] body = exchange.getRequestBody().readAllBytes();
      requests.add(
          new Recorded(
              exchange.getRequestMethod(),
              uri.getRawPath(),
              Optional.ofNullable(uri.getRawQuery()),
              uri.getPath(),
              Map.copyOf(headers),
              body));
      String route =
          exchange.getRequestMethod()
              + " "
              + uri.getRawPath()
              + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
      Streamed stream = streamed.get(route);
      if (stream != null) {
        stream.headers().forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
        exchange.sendResponseHeaders(200, 0);
        try (OutputStream out = exchange.getResponseBody()) {
          stream.writer().write(out);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        return;
      }
      Canned canned =
          routes.getOrDefault(
              route,
              new Canned(
                  404,
                  Map.of("Content-Type", "application/json"),
                  ("{\"error\":{\"code\":\"no_route\",\"message\":\"no canned response for "
                          + route
                          + "\"}}")
                      .getBytes(StandardCharsets.UTF_8)));
      canned.headers().forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
      long length = canned.body().length == 0 ? -1 : canned.body().length;
      exchange.sendResponseHeaders(canned.status(), length);
      if (length > 0) {
        try (OutputStream out = exchange.getResponseBody()) {
          out.write(canned.body());
        }
      }
    }
  }

  @Override
  public void close() {
    server.stop(0);
    executor.close();
  }
}
