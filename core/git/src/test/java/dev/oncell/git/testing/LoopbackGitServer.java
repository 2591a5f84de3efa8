package dev.oncell.git.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import dev.oncell.git.GitRelay;
import dev.oncell.git.GitRequest;
import dev.oncell.git.HostMirror;
import dev.oncell.git.RelayHooks;
import dev.oncell.git.RepoUrl;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.jgit.lib.Repository;

/**
 * Bare repositories served over git smart HTTP on a loopback address and an ephemeral port, the way
 * a forge serves them: every request needs HTTP Basic auth whose password is the server's token
 * (401 with {@code WWW-Authenticate} otherwise, any user name), a repository that does not exist is
 * 404, and every request is recorded (with its {@code Authorization} header, so tests can check
 * where a credential went). Repositories live under {@code root} as {@code name.git}.
 *
 * <p>{@link #redirectTo} makes it answer every authorized request with a 302 to another server,
 * {@link #moveBranch} commits to a branch behind its clients' back, {@link #holdNextPush} stops the
 * next push before or after it is applied (for crash tests) and {@link #withApi} serves a forge's
 * REST API on the same host and port, as GitLab and Gitea do.
 */
public final class LoopbackGitServer implements AutoCloseable {

  /** Where {@link #holdNextPush} stops a push. */
  public enum Stage {
    /**
     * Before the request's pack is read: nothing of the push has reached the repository. When
     * released the push is served; when the server closes first it is dropped, never applied.
     */
    BEFORE_APPLYING,
    /**
     * After the push is applied (its refs moved) and before any byte of the answer is sent: the
     * client cannot tell whether it happened. When released the answer is sent.
     */
    AFTER_APPLYING
  }

  /**
   * A push held by {@link #holdNextPush}: a test waits with {@link #awaitReached} until the push is
   * there (no sleeping), does what it wants (kill the client), then {@link #release}s it or lets
   * the server's close drop it.
   */
  public static final class Hold {
    private final Stage stage;
    private final CountDownLatch reached = new CountDownLatch(1);
    private final CountDownLatch released = new CountDownLatch(1);

    private Hold(Stage stage) {
      this.stage = stage;
    }

    public Stage stage() {
      return stage;
    }

    /** Waits until a push is held here; fails the test after {@code timeout}. */
    public void awaitReached(Duration timeout) throws InterruptedException {
      if (!reached.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        throw new AssertionError("no push reached the hold (" + stage + ") in " + timeout);
      }
    }

    /** Lets the held push go on. */
    public void release() {
      released.countDown();
    }

    /** Holds the calling request until released; false if the server closed first. */
    private boolean hold() {
      reached.countDown();
      try {
        released.await();
        return true;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }
  }

  /** One request as received. */
  public record Recorded(
      String method, String path, String query, Optional<String> authorization) {}

  private final Path root;
  private final String token;
  private final HttpServer server;
  private final ExecutorService executor;
  private final List<Recorded> requests = new CopyOnWriteArrayList<>();
  private final AtomicReference<String> redirect = new AtomicReference<>();
  private final AtomicReference<Hold> nextPushHold = new AtomicReference<>();
  private final AtomicReference<HttpHandler> api = new AtomicReference<>();

  private LoopbackGitServer(Path root, String token, String address) throws IOException {
    this.root = root;
    this.token = token;
    this.executor =
        Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("loopback-git-", 0).factory());
    this.server = HttpServer.create(new InetSocketAddress(InetAddress.getByName(address), 0), 0);
    server.setExecutor(executor);
    server.createContext("/", this::handle);
    server.start();
  }

  /** Starts a server on 127.0.0.1 for the repositories under {@code root}. */
  public static LoopbackGitServer start(Path root, String token) {
    return start(root, token, "127.0.0.1");
  }

  /** Starts a server on another loopback address (127.0.0.2, ...): another host for a client. */
  public static LoopbackGitServer start(Path root, String token, String address) {
    try {
      Files.createDirectories(root);
      return new LoopbackGitServer(root, token, address);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Creates the bare repository {@code name} (served at {@code /name.git}); the caller closes it.
   */
  public Repository create(String name) {
    return Repos.bare(root.resolve(name + ".git"));
  }

  /** Opens the existing repository {@code name}; the caller closes it. */
  public Repository open(String name) {
    return Repos.bare(root.resolve(name + ".git"));
  }

  /** The host the server listens on (an IP literal). */
  public String host() {
    return server.getAddress().getAddress().getHostAddress();
  }

  public int port() {
    return server.getAddress().getPort();
  }

  /** {@code http://host:port} */
  public String baseUrl() {
    return "http://" + host() + ":" + port();
  }

  /** The URL of repository {@code name} (which may not exist). */
  public RepoUrl url(String name) {
    return RepoUrl.parse(baseUrl() + "/" + name + ".git");
  }

  public String token() {
    return token;
  }

  /** Every request so far, in order. */
  public List<Recorded> requests() {
    return List.copyOf(requests);
  }

  /**
   * Answers every authorized request from now on with a 302 to {@code otherBaseUrl} + the same path
   * (a forge that moved a repository: the client has already sent its credential here).
   */
  public void redirectTo(String otherBaseUrl) {
    redirect.set(otherBaseUrl);
  }

  /**
   * Holds the next push (the next {@code git-receive-pack} POST) at {@code stage}; later pushes are
   * not held.
   */
  public Hold holdNextPush(Stage stage) {
    Hold hold = new Hold(stage);
    nextPushHold.set(hold);
    return hold;
  }

  /**
   * Serves every request outside a repository (no {@code .git/} in its path) with {@code handler}
   * from now on, without asking for this server's token: a forge's REST API on the host and port
   * that serve its repositories (the API checks its own credentials).
   */
  public void withApi(HttpHandler handler) {
    api.set(handler);
  }

  /** Commits {@code files} on {@code branch} of repository {@code name}; the new commit's id. */
  public String moveBranch(String name, String branch, Map<String, String> files) {
    try (Repository repo = open(name)) {
      return Repos.commit(repo, branch, files, "moved behind your back");
    }
  }

  private void handle(HttpExchange exchange) throws IOException {
    HttpHandler rest = api.get();
    if (rest != null && !exchange.getRequestURI().getPath().contains(".git/")) {
      rest.handle(exchange);
      return;
    }
    try (exchange) {
      String path = exchange.getRequestURI().getPath();
      String query = exchange.getRequestURI().getRawQuery();
      Optional<String> auth =
          Optional.ofNullable(exchange.getRequestHeaders().getFirst("Authorization"));
      requests.add(
          new Recorded(exchange.getRequestMethod(), path, query == null ? "" : query, auth));
      if (!authorized(auth)) {
        exchange.getResponseHeaders().set("WWW-Authenticate", "Basic realm=\"git\"");
        reply(exchange, 401, "authentication required");
        return;
      }
      String target = redirect.get();
      if (target != null) {
        exchange
            .getResponseHeaders()
            .set("Location", target + path + (query == null ? "" : "?" + query));
        exchange.sendResponseHeaders(302, -1);
        return;
      }
      int cut = path.indexOf(".git/");
      if (cut <= 1) {
        reply(exchange, 404, "not found");
        return;
      }
      String name = path.substring(1, cut);
      Path dir = root.resolve(name + ".git").normalize();
      if (name.contains("..")
          || !dir.startsWith(root)
          || !Files.isRegularFile(dir.resolve("HEAD"))) {
        reply(exchange, 404, "repository not found");
        return;
      }
      Hold hold =
          exchange.getRequestMethod().equals("POST") && path.endsWith("/git-receive-pack")
              ? nextPushHold.getAndSet(null)
              : null;
      if (hold == null) {
        try (HostMirror repo = HostMirror.open(dir)) {
          GitRelay relay = GitRelay.create(repo, RelayHooks.NONE, GitRelay.Access.READ_WRITE);
          RelayHttpHandler.serve(relay, exchange);
        }
        return;
      }
      servePushHeld(exchange, dir, hold);
    }
  }

  /** A push with a hold before it is applied, or after it and before its answer is sent. */
  private static void servePushHeld(HttpExchange exchange, Path dir, Hold hold) throws IOException {
    if (hold.stage() == Stage.BEFORE_APPLYING && !hold.hold()) {
      return; // closed while held: dropped unread
    }
    ByteArrayOutputStream answer = new ByteArrayOutputStream();
    AtomicReference<Integer> status = new AtomicReference<>();
    AtomicReference<Map<String, String>> headers = new AtomicReference<>();
    try (HostMirror repo = HostMirror.open(dir)) {
      GitRelay relay = GitRelay.create(repo, RelayHooks.NONE, GitRelay.Access.READ_WRITE);
      String query = exchange.getRequestURI().getRawQuery();
      relay.handle(
          new GitRequest(
              exchange.getRequestMethod(),
              exchange.getRequestURI().getPath(),
              query == null ? "" : query,
              Map.copyOf(exchange.getRequestHeaders()),
              exchange.getRequestBody()),
          (code, h) -> {
            status.set(code);
            headers.set(Map.copyOf(h));
            return answer;
          });
    }
    if (hold.stage() == Stage.AFTER_APPLYING && !hold.hold()) {
      return; // closed while held: applied, never answered
    }
    headers.get().forEach((k, v) -> exchange.getResponseHeaders().set(k, v));
    exchange.sendResponseHeaders(status.get(), answer.size() == 0 ? -1 : answer.size());
    exchange.getResponseBody().write(answer.toByteArray());
  }

  private boolean authorized(Optional<String> header) {
    if (header.isEmpty() || !header.get().startsWith("Basic ")) {
      return false;
    }
    try {
      String decoded =
          new String(
              Base64.getDecoder().decode(header.get().substring(6).strip()),
              StandardCharsets.UTF_8);
      int colon = decoded.indexOf(':');
      return colon >= 0 && decoded.substring(colon + 1).equals(token);
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  private static void reply(HttpExchange exchange, int status, String text) throws IOException {
    byte[] body = (text + "\n").getBytes(StandardCharsets.UTF_8);
    exchange.sendResponseHeaders(status, body.length);
    exchange.getResponseBody().write(body);
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
