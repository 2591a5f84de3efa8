package dev.oncell.runtime.internal.mirror;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.oncell.git.GitCredential;
import dev.oncell.git.RepoUrl;
import dev.oncell.git.testing.LoopbackGitServer;
import dev.oncell.git.testing.Repos;
import dev.oncell.runtime.CellException;
import dev.oncell.runtime.internal.egress.LoopbackBridge;
import dev.oncell.sandbox.EgressPolicy;
import dev.oncell.sandbox.EgressProxy;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.eclipse.jgit.lib.Repository;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The relay path end to end without a sandbox: a real {@code git} client (standing in for the
 * cell's) talks to {@link CellRepository#RELAY_URL} through a real egress proxy, the host fetches
 * from and pushes to a loopback remote that needs a token, and the token stays on the host.
 */
class CellRepositoryTest {

  static final String TOKEN = "tok-RELAY-SECRET-77aa";

  @TempDir Path tmp;
  private final List<String> cellLog = new CopyOnWriteArrayList<>();
  private LoopbackGitServer server;
  private EgressProxy proxy;
  private CellRepository repository;
  private LoopbackBridge cellSide;
  private String main;

  @BeforeEach
  void setUp() {
    server = LoopbackGitServer.start(tmp.resolve("remote"), TOKEN);
    try (Repository repo = server.create("app")) {
      main = Repos.commit(repo, "main", Map.of("README.md", "hello\n"), "first");
    }
    repository = cellRepository("acme", List.of("127.0.0.1"));
  }

  private CellRepository cellRepository(String customer, List<String> allow) {
    Path socket = tmp.resolve(customer + ".sock");
    CredentialLookup lookup =
        (customerId, host) ->
            !customerId.equals("intruder")
                ? Optional.of(GitCredential.of(host, TOKEN))
                : Optional.empty();
    CellRepository repo =
        new CellRepository(
            customer,
            tmp.resolve(customer + "-git"),
            Optional.of(socket),
            lookup,
            cellLog::add,
            customer.equals("small") ? 64 : 0);
    proxy =
        EgressProxy.start(
            socket,
            EgressPolicy.allowing(allow),
            cellLog::add,
            Map.of(CellRepository.RELAY_HOST, repo.relayService()));
    cellSide = LoopbackBridge.open(socket);
    return repo;
  }

  @AfterEach
  void tearDown() {
    cellSide.close();
    proxy.close();
    repository.close();
    server.close();
  }

  /** Runs the host's git as the cell would, with only the proxy in its environment. */
  private GitRun git(Path dir, String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of("git"));
    command.addAll(List.of(args));
    ProcessBuilder pb =
        new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
    Map<String, String> env = pb.environment();
    env.clear();
    env.put("PATH", "/usr/bin:/bin");
    env.put("HOME", tmp.resolve("home").toString());
    env.put("GIT_CONFIG_NOSYSTEM", "1");
    env.put("GIT_TERMINAL_PROMPT", "0");
    env.put("LC_ALL", "C");
    env.put("http_proxy", "http://127.0.0.1:" + cellSide.address().getPort());
    env.put("GIT_AUTHOR_NAME", "Cell");
    env.put("GIT_AUTHOR_EMAIL", "cell@example.test");
    env.put("GIT_COMMITTER_NAME", "Cell");
    env.put("GIT_COMMITTER_EMAIL", "cell@example.test");
    Files.createDirectories(tmp.resolve("home"));
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    return new GitRun(p.waitFor(), out);
  }

  record GitRun(int exit, String output) {}

  private Path cloneIntoCell() throws Exception {
    repository.setUpstream(server.url("app"));
    repository.fetchUpstream(List.of(), dev.oncell.git.GitProgress.NONE);
    Path work = tmp.resolve("work");
    Files.createDirectories(work);
    GitRun clone = git(work, "clone", CellRepository.RELAY_URL, "app");
    assertThat(clone.exit()).as(clone.output()).isZero();
    return work.resolve("app");
  }

  @Test
  void theCellClonesThroughTheRelayAndNeverSeesTheToken() throws Exception {
    Path app = cloneIntoCell();
    assertThat(app.resolve("README.md")).hasContent("hello");
    assertThat(git(app, "rev-parse", "HEAD").output().strip()).isEqualTo(main);
    assertThat(Files.readString(app.resolve(".git/config"))).contains(CellRepository.RELAY_URL);
    assertThat(filesContaining(tmp.resolve("work"), TOKEN)).isEmpty();
    assertThat(cellLog).noneMatch(l -> l.contains(TOKEN));
    assertThat(cellLog).anyMatch(l -> l.contains("decision=internal"));
    assertThat(server.requests()).isNotEmpty();
  }

  @Test
  void aPushFromTheCellGoesUpstreamWithTheHostsCredential() throws Exception {
    Path app = cloneIntoCell();
    Files.writeString(app.resolve("feature.txt"), "new\n");
    git(app, "checkout", "-b", "feature");
    git(app, "add", "feature.txt");
    assertThat(git(app, "commit", "-m", "add feature").exit()).isZero();
    String head = git(app, "rev-parse", "HEAD").output().strip();
    GitRun push = git(app, "push", "origin", "feature");
    assertThat(push.exit()).as(push.output()).isZero();
    try (Repository upstream = server.open("app")) {
      assertThat(Repos.head(upstream, "feature")).contains(head);
    }
    assertThat(repository.mirror().resolve("refs/heads/feature")).contains(head);
    assertThat(filesContaining(tmp.resolve("work"), TOKEN)).isEmpty();
  }

  @Test
  void theCellSeesTheUpstreamsNewCommitsAndCannotOverwriteThem() throws Exception {
    Path app = cloneIntoCell();
    String moved = server.moveBranch("app", "main", Map.of("other.txt", "theirs\n"));
    Files.writeString(app.resolve("mine.txt"), "mine\n");
    git(app, "add", "mine.txt");
    git(app, "commit", "-m", "mine");
    GitRun push = git(app, "push", "origin", "main");
    assertThat(push.exit()).as(push.output()).isNotZero();
    try (Repository upstream = server.open("app")) {
      assertThat(Repos.head(upstream, "main")).contains(moved);
    }
    GitRun fetch = git(app, "fetch", "origin");
    assertThat(fetch.exit()).as(fetch.output()).isZero();
    assertThat(git(app, "rev-parse", "origin/main").output().strip()).isEqualTo(moved);
  }

  @Test
  void aForcedPushCannotDropCommitsTheCellNeverSaw() throws Exception {
    Path app = cloneIntoCell();
    Files.writeString(app.resolve("mine.txt"), "mine\n");
    git(app, "add", "mine.txt");
    git(app, "commit", "-m", "mine");
    // The upstream moves after the relay refreshed for this push's advertisement: the lease (the
    // cell's view) no longer holds, so the host's push is refused and the upstream keeps its
    // commit.
    String[] moved = new String[1];
    CellRepository racing = repository;
    moved[0] = server.moveBranch("app", "main", Map.of("other.txt", "theirs\n"));
    racing.withoutRelayRefresh(
        () -> {
          try {
            GitRun push = git(app, "push", "--force", "origin", "main");
            assertThat(push.exit()).as(push.output()).isNotZero();
            assertThat(push.output()).contains("git_push_stale");
            return null;
          } catch (Exception e) {
            throw new RuntimeException(e);
          }
        });
    try (Repository upstream = server.open("app")) {
      assertThat(Repos.head(upstream, "main")).contains(moved[0]);
    }
    assertThat(repository.takeRelayFailure())
        .get()
        .extracting(CellException::code)
        .isEqualTo("git_push_stale");
  }

  @Test
  void anotherCustomersCellGetsNoCredential() {
    repository.close();
    cellSide.close();
    proxy.close();
    repository = cellRepository("intruder", List.of("127.0.0.1"));
    repository.setUpstream(server.url("app"));
    assertThatThrownBy(() -> repository.fetchUpstream(List.of(), dev.oncell.git.GitProgress.NONE))
        .isInstanceOfSatisfying(
            CellException.class, e -> assertThat(e.code()).isEqualTo("git_auth_failed"));
  }

  @Test
  void theCellsAllowListDecidesTheHostsFetch() {
    repository.close();
    cellSide.close();
    proxy.close();
    repository = cellRepository("acme", List.of("example.test"));
    repository.setUpstream(server.url("app"));
    assertThatThrownBy(() -> repository.fetchUpstream(List.of(), dev.oncell.git.GitProgress.NONE))
        .isInstanceOfSatisfying(
            CellException.class, e -> assertThat(e.code()).isEqualTo("egress_refused"));
    assertThat(server.requests()).isEmpty();
  }

  @Test
  void aCellWithBlockedEgressHasNoUpstream() {
    CellRepository blocked =
        new CellRepository(
            "acme",
            tmp.resolve("blocked-git"),
            Optional.empty(),
            CredentialLookup.NONE,
            l -> {},
            0);
    blocked.setUpstream(server.url("app"));
    assertThatThrownBy(() -> blocked.fetchUpstream(List.of(), dev.oncell.git.GitProgress.NONE))
        .isInstanceOfSatisfying(
            CellException.class, e -> assertThat(e.code()).isEqualTo("egress_blocked"));
    blocked.close();
  }

  @Test
  void aRepositoryOverTheCellsDiskIsRefusedAndLeavesNothing() {
    repository.close();
    cellSide.close();
    proxy.close();
    repository = cellRepository("small", List.of("127.0.0.1"));
    assertThatThrownBy(
            () -> repository.adoptUpstream(server.url("app"), dev.oncell.git.GitProgress.NONE))
        .isInstanceOfSatisfying(
            CellException.class, e -> assertThat(e.code()).isEqualTo("disk_full"));
    assertThat(repository.upstream()).isEmpty();
    assertThat(tmp.resolve("small-git/repo.git")).doesNotExist();
  }

  @Test
  void aCellCannotGrowTheMirrorPastItsDiskByPushing() throws Exception {
    repository.close();
    cellSide.close();
    proxy.close();
    repository = cellRepository("small", List.of("127.0.0.1"));
    Path own = tmp.resolve("work/own");
    Files.createDirectories(own);
    git(own, "init", "-q", "-b", "main");
    Files.writeString(own.resolve("a.txt"), "a\n");
    git(own, "add", "a.txt");
    git(own, "commit", "-q", "-m", "a");
    GitRun push = git(own, "push", CellRepository.RELAY_URL, "main");
    assertThat(push.exit()).as(push.output()).isNotZero();
    assertThat(push.output()).contains("rejected");
    assertThat(repository.mirror().resolve("refs/heads/main")).isEmpty();
  }

  @Test
  void theRelayServesTheMirrorOnlyWhateverPathTheCellAsksFor() throws Exception {
    for (String path : List.of("/../../etc/passwd", "/other.git/info/refs", "/repo.git")) {
      int[] status = {0};
      repository
          .relayService()
          .serve(
              new dev.oncell.sandbox.InternalService.Request(
                  "GET",
                  path,
                  "service=git-upload-pack",
                  List.of(),
                  java.io.InputStream.nullInputStream()),
              (code, headers) -> {
                status[0] = code;
                return java.io.OutputStream.nullOutputStream();
              });
      assertThat(status[0]).as(path).isEqualTo(404);
    }
  }

  @Test
  void aCellHoldsOneRepository() {
    repository.setUpstream(server.url("app"));
    repository.setUpstream(server.url("app"));
    assertThatThrownBy(
            () -> repository.setUpstream(RepoUrl.parse("https://example.test/other.git")))
        .isInstanceOfSatisfying(
            CellException.class, e -> assertThat(e.code()).isEqualTo("git_upstream_conflict"));
    assertThat(repository.upstream()).contains(server.url("app"));
  }

  @Test
  void withoutAnUpstreamTheMirrorIsTheCellsOwnRemote() throws Exception {
    Path work = tmp.resolve("work");
    Files.createDirectories(work.resolve("own"));
    Path own = work.resolve("own");
    git(own, "init", "-q", "-b", "main");
    Files.writeString(own.resolve("a.txt"), "a\n");
    git(own, "add", "a.txt");
    git(own, "commit", "-q", "-m", "a");
    git(own, "remote", "add", "origin", CellRepository.RELAY_URL);
    GitRun push = git(own, "push", "origin", "main");
    assertThat(push.exit()).as(push.output()).isZero();
    assertThat(repository.mirror().resolve("refs/heads/main"))
        .contains(git(own, "rev-parse", "HEAD").output().strip());
    assertThat(server.requests()).isEmpty();
  }

  private static List<Path> filesContaining(Path root, String text) throws IOException {
    try (Stream<Path> files = Files.walk(root)) {
      return files
          .filter(Files::isRegularFile)
          .filter(
              f -> {
                try {
                  return new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1)
                      .contains(text);
                } catch (IOException e) {
                  return false;
                }
              })
          .toList();
    }
  }
}
