package dev.oncell.git.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.oncell.git.GitRelay;
import dev.oncell.git.GitRequest;
import java.io.IOException;
import java.util.Map;

/** Serves a {@link GitRelay} from a JDK {@code HttpServer} context. */
public final class RelayHttpHandler implements HttpHandler {

  private final GitRelay relay;

  public RelayHttpHandler(GitRelay relay) {
    this.relay = relay;
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      serve(relay, exchange);
    }
  }

  /** Answers {@code exchange} with {@code relay} (the caller closes the exchange). */
  public static void serve(GitRelay relay, HttpExchange exchange) throws IOException {
    String query = exchange.getRequestURI().getRawQuery();
    GitRequest request =
        new GitRequest(
            exchange.getRequestMethod(),
            exchange.getRequestURI().getPath(),
            query == null ? "" : query,
            Map.copyOf(exchange.getRequestHeaders()),
            exchange.getRequestBody());
    relay.handle(
        request,
        (status, headers) -> {
          headers.forEach((k, v) -> exchange.getResponseHeaders().set(k, v));
          exchange.sendResponseHeaders(status, 0);
          return exchange.getResponseBody();
        });
  }
}
