package dev.oncell.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.oncell.agent.ShellOptions;
import dev.oncell.git.testing.LoopbackGitServer;
import dev.oncell.git.testing.Repos;
import dev.oncell.runtime.fixtures.TestHost;
import dev.oncell.runtime.testagents.AirGappedAgent;
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
 * An air-gapped cell (its agent blocks egress) receives its repository: the host fetches it
 * read-only into the cell's mirror, from a host the operator allows, and the cell's git reads it
 * through a proxy that serves the relay and nothing else. Nothing leaves the cell: no outside host
 * is reachable from the sandbox, nothing is pushed, and a host the operator did not allow (or an
 * address its entry does not name) is never contacted.
 */
class AirGapTest {

  static final String TOKEN = "tok-AIRGAP-5eCr3t-4f1e";
  private static final ObjectMapper JSON = new ObjectMapper();
  static final byte[] AIR_GAPPED =
      PluginJars.plugin("air-gapped-plugin", "1.0.0", AirGappedAgent.class);

  @RegisterExtension final TestHost oncell = TestHost.create(c -> c.withEmbeddingModel("none"));
  @TempDir Path tmp;
  private Host host;
  private LoopbackGitServer server;
  private String main;

  @BeforeEach
  void startRemote() {
    server = LoopbackGitServer.start(tmp.resolve("remote"), TOKEN);
    try (Repository repo = server.create("app")) {
      main = Repos.commit(repo, "main", Map.of("README.md", "hello\n"), "first");
    }
  }

  @AfterEach
  void close() {
    oncell.stop();
    server.close();
  }

  /** A host whose operator allows {@code allow} as repository hosts. */
  private void open(List<String> allow) {
    host = oncell.open(c -> c.withCells(CellDefaults.defaults().withEgressAllow(allow)));
    host.deployments().deploy(AIR_GAPPED, "production");
    host.gitCredentials().set("acme", server.host(), Optional.empty(), TOKEN);
  }

  private CellInfo customer(String id, String config) throws Exception {
    CellInfo info =
        host.cells()
            .create(
                new Cells.NewCell(
                    id, JSON.readTree(config), Optional.of("air-gapped"), "production"));
    host.runs().await(info.setupRunId().orElseThrow());
    return host.cells().find(id).orElseThrow();
  }

  private JsonNode call(String customer, String method, String input) throws Exception {
    RunInfo started = host.runs().start(customer, method, JSON.readTree(input), Optional.empty());
    RunInfo run = host.runs().await(started.id());
    assertThat(run.status()).as("%s: %s", method, run.error()).isEqualTo(RunStatus.SUCCEEDED);
    return run.result().orElseThrow();
  }

  private String probe(String customer, String op, String arg, String arg2) throws Exception {
    return call(
            customer,
            "probe",
            JSON.createObjectNode().put("op", op).put("arg", arg).put("arg2", arg2).toString())
        .path("code")
        .asText();
  }

  private String sh(String customer, String command) {
    return host.cells().cell(customer).shell(command, ShellOptions.defaults()).stdout();
  }

  @Test
  void anAirGappedCellReceivesItsRepositoryAndReachesNothingElse() throws Exception {
    open(List.of(server.host() + ":" + server.port()));
    CellInfo acme = customer("acme", "{\"repoUrl\": \"" + server.url("app") + "\"}");
    assertThat(acme.state()).as("%s", acme.error()).isEqualTo(CellState.ACTIVE);
    assertThat(sh("acme", "cat README.md")).isEqualTo("hello\n");
    assertThat(sh("acme", "git rev-parse HEAD").strip()).isEqualTo(main);

    // The cell's own git reads new commits through the relay: the host fetches them.
    String moved = server.moveBranch("app", "main", Map.of("later.txt", "later\n"));
    assertThat(sh("acme", "git fetch -q origin && git rev-parse origin/main").strip())
        .isEqualTo(moved);

    // The sandbox reaches no outside host, not even the one the host fetches from.
    int before = server.requests().size();
    String url = server.baseUrl() + "/app.git/info/refs?service=git-upload-pack";
    assertThat(sh("acme", "curl -s -o /dev/null -w '%{http_code}' " + url))
        .as("through the cell's proxy")
        .isEqualTo("403");
    assertThat(sh("acme", "curl -sS --noproxy '*' --max-time 5 " + url + " || echo failed"))
        .as("directly")
        .contains("failed");
    assertThat(server.requests()).as("the origin saw none of the cell's tries").hasSize(before);

    // Nothing leaves: a push is refused, and the upstream does not move.
    sh(
        "acme",
        "git checkout -q -b typed && echo typed > typed.txt && git add typed.txt"
            + " && git -c user.name=a -c user.email=a@example.test commit -qm typed");
    JsonNode pushed =
        call("acme", "probe", "{\"op\": \"push\", \"arg\": \"typed\", \"arg2\": \"\"}");
    assertThat(pushed.path("code").asText()).isEqualTo("egress_blocked");
    assertThat(sh("acme", "git push -q origin typed 2>&1; echo exit=$?"))
        .as("pushed from the cell's shell")
        .contains("egress_blocked")
        .doesNotContain("exit=0");
    try (Repository upstream = server.open("app")) {
      assertThat(Repos.head(upstream, "typed")).as("pushed from the cell's shell").isEmpty();
    }
    assertThat(server.requests())
        .as("no push ever reached the origin")
        .noneMatch(r -> r.toString().contains("receive-pack"));
    assertTokenNowhere("acme");
    assertThat(log("acme")).contains("reason=air_gapped_push");
  }

  @Test
  void withoutTheOperatorsAllowanceNothingIsFetched() throws Exception {
    open(List.of());
    customer("acme", "{}");
    assertThat(probe("acme", "clone", server.url("app").toString(), "x"))
        .isEqualTo("egress_blocked");
    assertThat(server.requests()).isEmpty();
    assertThat(sh("acme", "ls -A")).isEmpty();
  }

  @Test
  void theOperatorsEntryOpensThatHostOnlyNeverAnotherNameOrAddress() throws Exception {
    open(List.of("example.test", server.host() + ":" + server.port()));
    customer("acme", "{}");
    String other = "http://localhost:" + server.port() + "/app.git";
    assertThat(probe("acme", "clone", other, "x"))
        .as("the name localhost is not the IP entry")
        .isEqualTo("egress_refused");
    assertThat(probe("acme", "clone", "http://127.0.0.2:" + server.port() + "/app.git", "x"))
        .as("another loopback address")
        .isEqualTo("egress_refused");
    assertThat(probe("acme", "clone", "http://" + server.host() + ":1/app.git", "x"))
        .as("another port of the allowed address")
        .isEqualTo("egress_refused");
    assertThat(server.requests()).isEmpty();
    assertThat(sh("acme", "ls -A")).isEmpty();
    assertThat(log("acme")).contains("reason=operator_not_listed");
  }

  private String log(String id) throws IOException {
    return Files.readString(oncell.home().resolve("cells").resolve(id).resolve("logs/cell.log"));
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
  }
}
