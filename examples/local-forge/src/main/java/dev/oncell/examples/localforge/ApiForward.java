package dev.oncell.examples.localforge;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Hands API requests to the GitHub stand-in listening on another loopback port, and its answers
 * back, with the stand-in's own address in bodies and {@code Link} headers replaced by the public
 * one. A forge serves git and its API on one host and port, and oncell sends a customer's token to
 * an API only on the repository's host and port: hence one front port for both.
 */
final class ApiForward {

  private static final List<String> REQUEST_HEADERS =
      List.of("Authorization", "Accept", "Content-Type", "X-GitHub-Api-Version", "User-Agent");
  private static final List<String> ANSWER_HEADERS =
      List.of("Content-Type", "Link", "Retry-After", "X-RateLimit-Remaining");

  private final String backend;
  private final String front;
  private final HttpClient http = HttpClient.newHttpClient();

  /** Forwards to {@code backend} ({@code http://127.0.0.1:port}) what arrives at {@code front}. */
  ApiForward(String backend, String front) {
    this.backend = backend;
    this.front = front;
  }

  void handle(HttpExchange exchange) throws IOException {
    URI uri = exchange.getRequestURI();
    String target =
        backend + uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
    byte[] body = exchange.getRequestBody().readAllBytes();
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(target))
            .method(
                exchange.getRequestMethod(),
                body.length == 0
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofByteArray(body));
    for (String name : REQUEST_HEADERS) {
      String value = exchange.getRequestHeaders().getFirst(name);
      if (value != null) {
        request.header(name, value);
      }
    }
    HttpResponse<String> answer;
    try {
      answer =
          http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      GitRoute.reply(exchange, 503, "stopping");
      return;
    }
    for (String name : ANSWER_HEADERS) {
      answer
          .headers()
          .firstValue(name)
          .ifPresent(v -> exchange.getResponseHeaders().set(name, v.replace(backend, front)));
    }
    byte[] out = answer.body().replace(backend, front).getBytes(StandardCharsets.UTF_8);
    exchange.sendResponseHeaders(answer.statusCode(), out.length == 0 ? -1 : out.length);
    if (out.length > 0) {
      exchange.getResponseBody().write(out);
    }
  }
}
