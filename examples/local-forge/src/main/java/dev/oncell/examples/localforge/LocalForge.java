package dev.oncell.examples.localforge;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.oncell.forge.testing.FakeForge;
import dev.oncell.forge.testing.FakeGitHub;
import dev.oncell.git.testing.Repos;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;

/**
 * A local stand-in for a forge on 127.0.0.1, so that a newcomer can follow the README's git walk
 * through on one machine. One port serves, like GitHub Enterprise, bare repositories under {@code
 * <dir>/repos} over git smart HTTP ({@code /owner/name.git}) and GitHub's REST pulls API below
 * {@code /api/v3} (create, list, update pull requests; comments), both accepting one token. It
 * reuses the stand-ins of the platform's own tests (the git relay that {@code LoopbackGitServer}
 * serves, {@code FakeGitHub}) rather than imitating a forge a second time.
 *
 * <p>Not a forge: pull requests are kept in memory and are gone when it stops. Their {@code
 * head.sha} and {@code refs/pull/N/head} follow the branches as pushes land. Without a fixed port a
 * restart prints new URLs.
 */
public final class LocalForge implements AutoCloseable {

  /** The demo repository's path, as on GitHub ({@code owner/name}). */
  public static final String DEMO_REPO = "demo/app";

  /** The demo repository's default branch. */
  public static final String DEMO_BRANCH = "main";

  /**
   * A small Python project whose tests run with {@code python3 -m unittest}, as a coding agent's.
   */
  private static final Map<String, String> DEMO_FILES =
      new TreeMap<>(
          Map.of(
              "README.md",
              "# app\n\nA demo repository of oncell's local forge.\n",
              "pyproject.toml",
              "[project]\nname = \"app\"\nversion = \"0.1.0\"\n",
              "src/greeting.py",
              "def greeting(name):\n    return 'Hello, ' + name\n",
              "tests/__init__.py",
              "",
              "tests/test_greeting.py",
              """
              import unittest

              from src.greeting import greeting


              class GreetingTest(unittest.TestCase):
                  def test_greeting(self):
                      self.assertEqual(greeting('oncell'), 'Hello, oncell')
              """,
              "docs/usage.md",
              "Call greeting('world').\n"));

  private static final String API_PREFIX = "/api/v3";

  private final Path dir;
  private final String token;
  private final FakeGitHub github;
  private final HttpServer server;
  private final ExecutorService executor;
  private final GitRoute git;
  private final ApiForward api;

  private LocalForge(Path dir, String token, int port) throws IOException {
    this.dir = dir;
    this.token = token;
    this.github = FakeGitHub.enterprise();
    github.token(token, true).repo(DEMO_REPO);
    this.executor =
        Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("local-forge-", 0).factory());
    this.server =
        HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), port), 0);
    this.git = new GitRoute(dir.resolve("repos"), token);
    this.api = new ApiForward(github.url(), url());
    server.setExecutor(executor);
    server.createContext("/", this::handle);
    server.start();
  }

  /** {@link #start(Path, int)} on a free port. */
  public static LocalForge start(Path dir) {
    return start(dir, 0);
  }

  /**
   * Starts the stand-in on 127.0.0.1:{@code port} ({@code 0}: a free one) over {@code dir} (created
   * if needed): reuses the token and repositories a previous start left there, or makes a token and
   * the demo repository.
   */
  public static LocalForge start(Path dir, int port) {
    try {
      Files.createDirectories(dir.resolve("repos"));
      LocalForge forge = new LocalForge(dir, token(dir.resolve("token")), port);
      try {
        forge.ensureDemoRepository();
        Files.writeString(dir.resolve("env"), forge.envLines(), StandardCharsets.UTF_8);
      } catch (RuntimeException | IOException e) {
        forge.close();
        throw e;
      }
      return forge;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** {@code http://127.0.0.1:port}. */
  public String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  /** The demo repository's clone URL, the customer's {@code repoUrl}. */
  public String repoUrl() {
    return url() + "/" + DEMO_REPO + ".git";
  }

  /** The pulls API's base, the customer's {@code forge.apiBase}. */
  public String apiBase() {
    return url() + API_PREFIX;
  }

  /**
   * The token both servers accept (as the Basic password for git, as a Bearer token for the API).
   */
  public String token() {
    return token;
  }

  /** The folder holding the token, the repositories and {@code env}. */
  public Path dir() {
    return dir;
  }

  /** The pull requests of the demo repository, oldest first. */
  public List<FakeForge.Pr> pullRequests() {
    return github.pulls(DEMO_REPO);
  }

  /** Every request the pulls API received, in order. */
  public List<FakeForge.Call> apiCalls() {
    return github.calls();
  }

  /** Every git request received (method and path), in order. */
  public List<String> gitRequests() {
    return git.requests().stream().map(r -> r.method() + " " + r.path()).toList();
  }

  /** The commit {@code branch} of the demo repository is at, if it exists. */
  public Optional<String> branchHead(String branch) {
    try (Repository repo = demo()) {
      return Repos.head(repo, branch);
    }
  }

  private Repository demo() {
    return Repos.bare(dir.resolve("repos").resolve(DEMO_REPO + ".git"));
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      syncPullRequests();
      String path = exchange.getRequestURI().getPath();
      if (path.equals(API_PREFIX) || path.startsWith(API_PREFIX + "/")) {
        api.handle(exchange);
      } else {
        git.handle(exchange);
      }
    }
  }

  /**
   * Points each open pull request at its branches' commits, as a forge does on every push: {@code
   * head.sha} and {@code base.sha} in the API, and {@code refs/pull/N/head} in the repository (what
   * a review agent fetches). Done before each request, so it is never behind a push.
   */
  private synchronized void syncPullRequests() {
    try (Repository repo = demo()) {
      for (FakeForge.Pr pr : github.pulls(DEMO_REPO)) {
        Optional<String> head = Repos.head(repo, pr.head);
        Optional<String> base = Repos.head(repo, pr.base);
        if (head.isEmpty() || base.isEmpty()) {
          continue;
        }
        pr.headSha = head.get();
        pr.baseSha = base.get();
        RefUpdate pull = repo.updateRef("refs/pull/" + pr.number + "/head");
        pull.setNewObjectId(ObjectId.fromString(head.get()));
        pull.setForceUpdate(true);
        pull.update();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** {@code REPO_URL}, {@code API_BASE} and {@code TOKEN} as shell assignments, one a line. */
  public String envLines() {
    return "REPO_URL=" + repoUrl() + "\nAPI_BASE=" + apiBase() + "\nTOKEN=" + token + "\n";
  }

  private void ensureDemoRepository() {
    try (Repository repo = demo()) {
      if (Repos.head(repo, DEMO_BRANCH).isPresent()) {
        return;
      }
      Repos.commit(repo, DEMO_BRANCH, DEMO_FILES, "Start the demo repository");
      RefUpdate head = repo.updateRef(Constants.HEAD);
      RefUpdate.Result linked = head.link(Constants.R_HEADS + DEMO_BRANCH);
      if (linked != RefUpdate.Result.FORCED
          && linked != RefUpdate.Result.NEW
          && linked != RefUpdate.Result.NO_CHANGE) {
        throw new IllegalStateException("cannot point HEAD at " + DEMO_BRANCH + ": " + linked);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String token(Path file) throws IOException {
    if (Files.isRegularFile(file)) {
      return Files.readString(file, StandardCharsets.UTF_8).strip();
    }
    byte[] bytes = new byte[20];
    new SecureRandom().nextBytes(bytes);
    String token = "lf_" + HexFormat.of().formatHex(bytes);
    Files.createFile(
        file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    Files.writeString(file, token + "\n", StandardCharsets.UTF_8);
    return token;
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
    github.close();
  }
}
