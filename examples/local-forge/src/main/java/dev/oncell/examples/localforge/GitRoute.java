package dev.oncell.examples.localforge;

import com.sun.net.httpserver.HttpExchange;
import dev.oncell.git.GitRelay;
import dev.oncell.git.HostMirror;
import dev.oncell.git.RelayHooks;
import dev.oncell.git.testing.RelayHttpHandler;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Git smart HTTP for the bare repositories under a folder ({@code /owner/name.git/...} is {@code
 * <root>/owner/name.git}), the way the platform tests' {@code LoopbackGitServer} serves them: HTTP
 * Basic auth whose password is the token (any user name), 401 with {@code WWW-Authenticate}
 * otherwise, 404 for a repository that does not exist. Fetch and push are both allowed.
 */
final class GitRoute {

  /** A git request as received: method and path (never its credential). */
  record Request(String method, String path) {}

  private final Path root;
  private final String token;
  private final List<Request> requests = new CopyOnWriteArrayList<>();

  GitRoute(Path root, String token) {
    this.root = root.toAbsolutePath().normalize();
    this.token = token;
  }

  List<Request> requests() {
    return List.copyOf(requests);
  }

  void handle(HttpExchange exchange) throws IOException {
    String path = exchange.getRequestURI().getPath();
    requests.add(new Request(exchange.getRequestMethod(), path));
    if (!authorized(exchange.getRequestHeaders().getFirst("Authorization"))) {
      exchange.getResponseHeaders().set("WWW-Authenticate", "Basic realm=\"local forge\"");
      reply(exchange, 401, "authentication required");
      return;
    }
    int cut = path.indexOf(".git/");
    String name = cut <= 1 ? "" : path.substring(1, cut);
    Path dir = root.resolve(name + ".git").normalize();
    if (name.isEmpty()
        || name.contains("..")
        || !dir.startsWith(root)
        || !Files.isRegularFile(dir.resolve("HEAD"))) {
      reply(exchange, 404, "repository not found");
      return;
    }
    try (HostMirror repo = HostMirror.open(dir)) {
      GitRelay relay = GitRelay.create(repo, RelayHooks.NONE, GitRelay.Access.READ_WRITE);
      RelayHttpHandler.serve(relay, exchange);
    }
  }

  private boolean authorized(String header) {
    if (header == null || !header.startsWith("Basic ")) {
      return false;
    }
    try {
      String decoded =
          new String(
              Base64.getDecoder().decode(header.substring(6).strip()), StandardCharsets.UTF_8);
      int colon = decoded.indexOf(':');
      return colon >= 0 && decoded.substring(colon + 1).equals(token);
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  static void reply(HttpExchange exchange, int status, String text) throws IOException {
    byte[] body = (text + "\n").getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
    exchange.sendResponseHeaders(status, body.length);
    exchange.getResponseBody().write(body);
  }
}
