package dev.oncell.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.oncell.agent.ShellOptions;
import dev.oncell.git.testing.LoopbackGitServer;
import dev.oncell.git.testing.Repos;
import dev.oncell.runtime.fixtures.TestHost;
import dev.oncell.runtime.testagents.UpstreamAgent;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.eclipse.jgit.lib.Repository;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ctx.git()}'s clone, fetch and push against a real remote on loopback that needs a token,
 * through the real host and sandbox: the customer's credential is stored on the host, the setup
 * clones {@code config.repoUrl}, a method pushes the run's branch, and the token is nowhere in the
 * cell, its log, the run's events or its journal.
 */
class GitRemoteTest {

  static final String TOKEN = "tok-UPSTREAM-5eCr3t-91c2";
  private static final ObjectMapper JSON = new ObjectMapper();
  static final byte[] UPSTREAM = PluginJars.plugin("upstream-plugin", "1.0.0", UpstreamAgent.class);

  @RegisterExtension final TestHost oncell = TestHost.create(c -> c.withEmbeddingModel("none"));
  @TempDir Path tmp;
  private Host host;
  private LoopbackGitServer server;
  private String main;

  @BeforeEach
  void open() {
    server = LoopbackGitServer.start(tmp.resolve("remote"), TOKEN);
    try (Repository repo = server.create("app")) {
      main = Repos.commit(repo, "main", Map.of("README.md", "hello\n"), "first");
      Repos.commit(repo, "refs/pull/7/head", Map.of("pr.txt", "seven\n"), "pr 7");
    }
    host = oncell.open();
    host.deployments().deploy(UPSTREAM, "production");
  }

  @AfterEach
  void close() {
    oncell.stop();
    server.close();
  }

  private CellInfo customer(String id, String config) throws Exception {
    CellInfo info =
        host.cells()
            .create(
                new Cells.NewCell(
                    id, JSON.readTree(config), Optional.of("upstream"), "production"));
    host.runs().await(info.setupRunId().orElseThrow());
    return host.cells().find(id).orElseThrow();
  }

  private String repoConfig() {
    return "{\"repoUrl\": \"" + server.url("app") + "\"}";
  }

  private RunInfo run(String customer, String method, String input) throws Exception {
    RunInfo started = host.runs().start(customer, method, JSON.readTree(input), Optional.empty());
    return host.runs().await(started.id());
  }

  private JsonNode call(String customer, String method, String input) throws Exception {
    RunInfo run = run(customer, method, input);
    assertThat(run.status()).as("%s: %s", method, run.error()).isEqualTo(RunStatus.SUCCEEDED);
    return run.result().orElseThrow();
  }

  private String sh(String customer, String command) {
    return host.cells().cell(customer).shell(command, ShellOptions.defaults()).stdout();
  }

  @Test
  void setupClonesTheConfiguredRepositoryAndAMethodPushesTheRunsBranch() throws Exception {
    host.gitCredentials().set("acme", server.host(), Optional.empty(), TOKEN);
    CellInfo acme = customer("acme", repoConfig());
    assertThat(acme.state()).as("%s", acme.error()).isEqualTo(CellState.ACTIVE);
    assertThat(sh("acme", "cat README.md")).isEqualTo("hello\n");
    assertThat(sh("acme", "git rev-parse HEAD").strip()).isEqualTo(main);
    assertThat(sh("acme", "git remote get-url origin").strip())
        .isEqualTo("http://git.oncell.internal/repo.git");
    assertThat(
            host.runs()
                .events(acme.setupRunId().orElseThrow(), 0, java.time.Duration.ZERO)
                .events())
        .as("the clone's progress streams as git events")
        .anyMatch(e -> e.type().equals("git"));

    JsonNode pushed =
        call(
            "acme",
            "change",
            "{\"file\": \"fix.txt\", \"text\": \"fixed\\n\", \"message\": \"Fix it\"}");
    String branch = pushed.path("branch").asText();
    String commit = pushed.path("commit").asText();
    assertThat(branch).matches("oncell/upstream/[0-9a-z-]{8}");
    assertThat(pushed.path("push").path("status").asText()).isEqualTo("CREATED");
    try (Repository upstream = server.open("app")) {
      assertThat(Repos.head(upstream, branch)).contains(commit);
    }

    // git typed in the cell's shell takes the same path: origin is the host's relay.
    String typed =
        sh(
            "acme",
            "git checkout -q -b typed && echo typed > typed.txt && git add typed.txt"
                + " && git -c user.name=a -c user.email=a@example.test commit -qm typed"
                + " && git push -q origin typed >/dev/null 2>&1 && git rev-parse HEAD");
    try (Repository upstream = server.open("app")) {
      assertThat(Repos.head(upstream, "typed")).contains(typed.strip());
    }
    assertTokenNowhere("acme");
  }

  @Test
  void fetchBringsPullRequestRefsAndTheUpstreamsNewCommits() throws Exception {
    host.gitCredentials().set("acme", server.host(), Optional.empty(), TOKEN);
    customer("acme", repoConfig());
    String moved = server.moveBranch("app", "main", Map.of("later.txt", "later\n"));
    JsonNode fetched =
        call(
            "acme",
            "fetch",
            "{\"refspecs\": [\"pull/7/head:refs/pull/7/head\", \"main:refs/remotes/origin/main\"],"
                + " \"show\": \"refs/pull/7/head:pr.txt\"}");
    assertThat(fetched.path("shown").asText()).isEqualTo("seven\n");
    assertThat(fetched.path("result").path("updated").toString()).contains(moved);
    assertThat(sh("acme", "git rev-parse origin/main").strip()).isEqualTo(moved);
    assertTokenNowhere("acme");
  }

  @Test
  void badInputGetsAClearCodeAndChangesNothing() throws Exception {
    host.gitCredentials().set("acme", server.host(), Optional.empty(), TOKEN);
    customer("acme", "{}");
    assertThat(probe("acme", "clone", "file:///etc", "x")).isEqualTo("invalid_repo_url");
    assertThat(probe("acme", "clone", "/etc/passwd", "x")).isEqualTo("invalid_repo_url");
    assertThat(probe("acme", "clone", "ssh://github.com/a/b.git", "x"))
        .isEqualTo("invalid_repo_url");
    assertThat(probe("acme", "clone", "https://example.test/a.git", "x"))
        .as("a host not in the allow-list")
        .isEqualTo("egress_refused");
    assertThat(probe("acme", "clone", server.baseUrl() + "/missing.git", "x"))
        .isEqualTo("git_not_found");
    assertThat(sh("acme", "ls -A")).isEmpty();

    customer("globex", "{}");
    assertThat(probe("globex", "clone", server.url("app").toString(), "x"))
        .as("acme's credential is acme's only")
        .isEqualTo("git_auth_failed");

    call("acme", "cloneRepo", "{\"url\": \"" + server.url("app") + "\", \"into\": \"app\"}");
    assertThat(probe("acme", "clone", "https://example.test/other.git", "other"))
        .isEqualTo("git_upstream_conflict");
  }

  @Test
  void aPushTheRemoteMovedPastIsRejectedWithItsHead() throws Exception {
    host.gitCredentials().set("acme", server.host(), Optional.empty(), TOKEN);
    customer("acme", repoConfig());
    String moved = server.moveBranch("app", "main", Map.of("theirs.txt", "theirs\n"));
    sh(
        "acme",
        "echo mine > mine.txt && git add mine.txt && git -c user.name=a -c user.email=a@b commit -qm mine");
    JsonNode rejected = call("acme", "probe", "{\"op\": \"push\", \"arg\": \"main\"}");
    assertThat(rejected.path("code").asText()).isEqualTo("git_push_rejected");
    assertThat(rejected.path("message").asText()).contains(moved);
    JsonNode stale =
        call(
            "acme",
            "probe",
            "{\"op\": \"forcePush\", \"arg\": \"main\", \"arg2\": \"" + main + "\"}");
    assertThat(stale.path("code").asText()).startsWith("git_push_");
    try (Repository upstream = server.open("app")) {
      assertThat(Repos.head(upstream, "main")).contains(moved);
    }
    assertThat(
            call("acme", "probe", "{\"op\": \"push\", \"arg\": \"no..such\"}")
                .path("code")
                .asText())
        .isEqualTo("invalid_ref");
    assertThat(
            call("acme", "probe", "{\"op\": \"push\", \"arg\": \"nosuch\"}").path("code").asText())
        .isEqualTo("git_unknown_ref");
  }

  @Test
  void aCloneOverTheCellsDiskIsRefusedAndLeavesNothing() throws Exception {
    oncell.stop();
    host = oncell.open(c -> c.withCells(CellDefaults.defaults().withDiskQuota(true)));
    byte[] noise = new byte[20 << 20];
    new java.util.Random(7).nextBytes(noise);
    try (Repository repo = server.create("big")) {
      Repos.commit(
          repo,
          "main",
          Map.of("noise.bin", new String(noise, StandardCharsets.ISO_8859_1)),
          "20 MB that do not compress");
    }
    host.deployments()
        .deploy(
            PluginJars.plugin(
                "tinydisk-plugin", "1.0.0", dev.oncell.runtime.testagents.TinyDiskAgent.class),
            "production");
    host.gitCredentials().set("tiny", server.host(), Optional.empty(), TOKEN);
    CellInfo info =
        host.cells()
            .create(
                new Cells.NewCell(
                    "tiny", JSON.createObjectNode(), Optional.of("tiny-disk"), "production"));
    host.runs().await(info.setupRunId().orElseThrow());
    assertThat(probe("tiny", "clone", server.url("big").toString(), "big")).isEqualTo("disk_full");
    assertThat(sh("tiny", "ls -A")).isEmpty();
    assertThat(oncell.home().resolve("cells/tiny/git/repo.git")).doesNotExist();
    assertThat(probe("tiny", "clone", server.url("app").toString(), "app"))
        .as("a smaller repository still fits")
        .isEmpty();
  }

  private String probe(String customer, String op, String arg, String arg2) throws Exception {
    JsonNode outcome =
        call(
            customer,
            "probe",
            JSON.createObjectNode().put("op", op).put("arg", arg).put("arg2", arg2).toString());
    return outcome.path("code").asText();
  }

  /** The token is in no file of the cell, its log, its journals, nor in any run's events. */
  private void assertTokenNowhere(String customer) throws IOException {
    Path cell = oncell.home().resolve("cells").resolve(customer);
    for (String folder : List.of("work", "logs", "data")) {
      try (Stream<Path> files = Files.walk(cell.resolve(folder))) {
        for (Path f : files.filter(Files::isRegularFile).toList()) {
          assertThat(new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1))
              .as("%s", f)
              .doesNotContain(TOKEN);
        }
      }
    }
    assertThat(sh(customer, "env; cat .git/config 2>/dev/null")).doesNotContain(TOKEN);
    for (RunInfo run : host.runs().list(customer)) {
      assertThat(host.runs().events(run.id(), 0, java.time.Duration.ZERO).events().toString())
          .doesNotContain(TOKEN);
    }
  }
}
