package dev.oncell.git;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.oncell.git.testing.LoopbackGitServer;
import dev.oncell.git.testing.RelayHttpHandler;
import dev.oncell.git.testing.Repos;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Debian's {@code git} (the one a cell has) against a {@link GitRelay} on loopback, the relay's
 * hooks refreshing the mirror from, and forwarding pushes to, a token-protected upstream. The git
 * client never has the token.
 */
class GitRelayTest {

  static final String TOKEN = "tok-UPSTREAM-93be";

  @TempDir Path tmp;
  LoopbackGitServer upstream;
  HostMirror mirror;
  HttpServer http;
  ExecutorService executor;
  String main;
  final AtomicInteger refreshes = new AtomicInteger();
  final AtomicBoolean failRefresh = new AtomicBoolean();
  final AtomicBoolean moveUpstreamAfterRefresh = new AtomicBoolean();

  @BeforeEach
  void setUp() throws IOException {
    upstream = LoopbackGitServer.start(tmp.resolve("upstream"), TOKEN);
    try (Repository repo = upstream.create("app")) {
      main = Repos.commit(repo, "main", Map.of("README.md", "hello\n"), "first");
    }
    mirror = HostMirror.open(tmp.resolve("mirror.git"));
    executor =
        Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("relay-http-", 0).factory());
    http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    http.setExecutor(executor);
  }

  @AfterEach
  void tearDown() {
    http.stop(0);
    executor.shutdownNow();
    mirror.close();
    upstream.close();
  }

  /** The runtime's hooks, in small: refresh from upstream, push each update upstream first. */
  RelayHooks forwardingHooks() {
    RepoUrl url = upstream.url("app");
    Optional<GitCredential> cred = Optional.of(GitCredential.of(upstream.host(), TOKEN));
    return new RelayHooks() {
      @Override
      public void beforeAdvertise(String service) {
        refreshes.incrementAndGet();
        if (failRefresh.get()) {
          throw new GitException(
              GitException.Kind.UNAVAILABLE, "git_unreachable", "upstream is down for the test");
        }
        mirror.fetch(url, List.of(), cred, Proxy.NO_PROXY, GitProgress.NONE);
        if (moveUpstreamAfterRefresh.getAndSet(false)) {
          upstream.moveBranch("app", "main", Map.of("race.txt", "r\n"));
        }
      }

      @Override
      public Optional<String> beforeUpdate(RelayHooks.RefUpdate update) {
        if (update.newId().isEmpty()) {
          return Optional.of("deleting upstream branches is not forwarded");
        }
        PushResult result =
            mirror.push(
                url,
                update.newId().get(),
                update.ref(),
                Optional.of(update.oldId().orElse(ObjectId.zeroId().name())),
                cred,
                Proxy.NO_PROXY);
        return result.ok()
            ? Optional.empty()
            : Optional.of(result.code().orElseThrow() + ": " + result.message());
      }
    };
  }

  String serve(GitRelay relay) {
    http.createContext("/cell/", new RelayHttpHandler(relay));
    http.start();
    return "http://127.0.0.1:" + http.getAddress().getPort() + "/cell/";
  }

  @Test
  void gitClonesAndPushesThroughTheRelayAndThePushReachesUpstream() throws Exception {
    String url = serve(GitRelay.create(mirror, forwardingHooks(), GitRelay.Access.READ_WRITE));
    for (String version : List.of("2", "0")) {
      Path work = tmp.resolve("work-v" + version);
      Git clone = git(tmp, "-c", "protocol.version=" + version, "clone", url, work.toString());
      assertThat(clone.exit).as(clone.output).isZero();
      assertThat(Files.readString(work.resolve("README.md"))).isEqualTo("hello\n");
    }
    Path work = tmp.resolve("work-v2");
    Files.writeString(work.resolve("new.txt"), "new\n");
    assertThat(git(work, "add", "new.txt").exit).isZero();
    Git commit = git(work, "commit", "-m", "add new");
    assertThat(commit.exit).as(commit.output).isZero();
    String head = git(work, "rev-parse", "HEAD").output.strip();

    Git push = git(work, "push", "origin", "HEAD:refs/heads/feature/x");
    assertThat(push.exit).as(push.output).isZero();
    try (Repository repo = upstream.open("app")) {
      assertThat(Repos.head(repo, "feature/x")).as("forwarded upstream").contains(head);
    }
    assertThat(mirror.resolve("refs/heads/feature/x")).contains(head);

    Git pushMain = git(work, "push", "origin", "HEAD:main");
    assertThat(pushMain.exit).as(pushMain.output).isZero();
    try (Repository repo = upstream.open("app")) {
      assertThat(Repos.head(repo, "main")).contains(head);
    }
    assertThat(Files.readString(work.resolve(".git/config"))).doesNotContain(TOKEN);
    assertThat(push.output + pushMain.output).doesNotContain(TOKEN);
  }

  @Test
  void aFetchSeesABranchThatMovedUpstreamBecauseTheRelayRefreshesFirst() throws Exception {
    String url = serve(GitRelay.create(mirror, forwardingHooks(), GitRelay.Access.READ_ONLY));
    Path work = tmp.resolve("work");
    assertThat(git(tmp, "clone", url, work.toString()).exit).isZero();
    String moved = upstream.moveBranch("app", "main", Map.of("later.txt", "l\n"));
    Git fetch = git(work, "fetch", "origin");
    assertThat(fetch.exit).as(fetch.output).isZero();
    assertThat(git(work, "rev-parse", "origin/main").output.strip()).isEqualTo(moved);
    assertThat(refreshes.get()).isGreaterThanOrEqualTo(2);
  }

  @Test
  void anUpstreamThatRefusesThePushRejectsTheRefWithItsMessage() throws Exception {
    String url = serve(GitRelay.create(mirror, forwardingHooks(), GitRelay.Access.READ_WRITE));
    Path work = tmp.resolve("work");
    assertThat(git(tmp, "clone", url, work.toString()).exit).isZero();
    Files.writeString(work.resolve("mine.txt"), "m\n");
    git(work, "add", "mine.txt");
    git(work, "commit", "-m", "mine");
    moveUpstreamAfterRefresh.set(true);
    Git push = git(work, "push", "origin", "HEAD:main");
    assertThat(push.exit).as(push.output).isNotZero();
    assertThat(push.output).contains("git_push_stale");
    assertThat(mirror.resolve("refs/heads/main"))
        .as("the mirror's ref did not move")
        .contains(main);
    try (Repository repo = upstream.open("app")) {
      assertThat(Repos.head(repo, "main")).isNotEqualTo(Optional.of(main));
      assertThat(Repos.head(repo, "main"))
          .isNotEqualTo(Optional.of(git(work, "rev-parse", "HEAD").output.strip()));
    }
  }

  @Test
  void readOnlyRefusesPushAndAFailedRefreshIsARemoteError() throws Exception {
    String url = serve(GitRelay.create(mirror, forwardingHooks(), GitRelay.Access.READ_ONLY));
    Path work = tmp.resolve("work");
    assertThat(git(tmp, "clone", url, work.toString()).exit).isZero();
    Files.writeString(work.resolve("x.txt"), "x\n");
    git(work, "add", "x.txt");
    git(work, "commit", "-m", "x");
    Git push = git(work, "push", "origin", "HEAD:refs/heads/other");
    assertThat(push.exit).isNotZero();
    assertThat(push.output).contains("403");
    try (Repository repo = upstream.open("app")) {
      assertThat(Repos.head(repo, "other")).isEmpty();
    }
    failRefresh.set(true);
    Git fetch = git(work, "fetch", "origin");
    assertThat(fetch.exit).isNotZero();
    assertThat(fetch.output).contains("upstream is down for the test");
  }

  @Test
  void aPushedPackOverTheLimitIsRefusedAndNothingMoves() throws Exception {
    String url = serve(GitRelay.create(mirror, forwardingHooks(), GitRelay.Access.READ_WRITE, 200));
    Path work = tmp.resolve("work");
    assertThat(git(tmp, "clone", url, work.toString()).exit).isZero();
    byte[] noise = new byte[20_000];
    new java.util.Random(7).nextBytes(noise);
    Files.write(work.resolve("big.bin"), noise);
    Git add = git(work, "add", "big.bin");
    assertThat(add.exit).as(add.output).isZero();
    Git commit = git(work, "commit", "-m", "big");
    assertThat(commit.exit).as(commit.output).isZero();
    Git push = git(work, "push", "origin", "HEAD:refs/heads/big");
    assertThat(push.exit).as(push.output).isNotZero();
    assertThat(push.output).contains("exceeds the limit");
    assertThat(mirror.resolve("refs/heads/big")).isEmpty();
    try (Repository repo = upstream.open("app")) {
      assertThat(Repos.head(repo, "big")).isEmpty();
    }
  }

  @Test
  void onlyTheSmartProtocolPathsAreServed() throws Exception {
    GitRelay relay = GitRelay.create(mirror, RelayHooks.NONE, GitRelay.Access.READ_WRITE);
    assertThat(status(relay, "GET", "/cell/HEAD", "")).isEqualTo(404);
    assertThat(status(relay, "GET", "/cell/objects/info/packs", "")).isEqualTo(404);
    assertThat(status(relay, "GET", "/cell/info/refs", "")).isEqualTo(403);
    assertThat(status(relay, "GET", "/cell/info/refs", "service=git-upload-archive"))
        .isEqualTo(403);
    assertThat(status(relay, "GET", "/cell/git-upload-pack", "")).isEqualTo(405);
    assertThat(status(relay, "GET", "/cell/info/refs", "service=git-upload-pack")).isEqualTo(200);
    GitRelay readOnly = GitRelay.create(mirror, RelayHooks.NONE, GitRelay.Access.READ_ONLY);
    assertThat(status(readOnly, "GET", "/cell/info/refs", "service=git-receive-pack"))
        .isEqualTo(403);
    assertThat(status(readOnly, "POST", "/cell/git-receive-pack", "")).isEqualTo(403);
  }

  private static int status(GitRelay relay, String method, String path, String query)
      throws IOException {
    int[] seen = {0};
    relay.handle(
        new GitRequest(method, path, query, Map.of(), java.io.InputStream.nullInputStream()),
        (status, headers) -> {
          seen[0] = status;
          return java.io.OutputStream.nullOutputStream();
        });
    return seen[0];
  }

  record Git(int exit, String output) {}

  Git git(Path dir, String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of("git"));
    command.addAll(List.of(args));
    ProcessBuilder pb =
        new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
    Map<String, String> env = pb.environment();
    for (String v :
        List.of(
            "http_proxy", "HTTP_PROXY", "https_proxy", "HTTPS_PROXY", "all_proxy", "ALL_PROXY")) {
      env.remove(v);
    }
    Path home = tmp.resolve("git-home");
    Files.createDirectories(home);
    env.put("HOME", home.toString());
    env.put("GIT_CONFIG_NOSYSTEM", "1");
    env.put("GIT_CONFIG_GLOBAL", "/dev/null");
    env.put("GIT_TERMINAL_PROMPT", "0");
    env.put("GIT_AUTHOR_NAME", "Cell");
    env.put("GIT_AUTHOR_EMAIL", "cell@example.test");
    env.put("GIT_COMMITTER_NAME", "Cell");
    env.put("GIT_COMMITTER_EMAIL", "cell@example.test");
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    return new Git(p.waitFor(), out);
  }
}
