package dev.oncell.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.oncell.client.CreateCustomer;
import dev.oncell.client.OncellApiException;
import dev.oncell.client.OncellClient;
import dev.oncell.client.Run;
import dev.oncell.client.RunEvent;
import dev.oncell.forge.testing.FakeForge;
import dev.oncell.forge.testing.FakeGitHub;
import dev.oncell.git.testing.LoopbackGitServer;
import dev.oncell.git.testing.Repos;
import dev.oncell.llm.testing.StandIn;
import dev.oncell.llm.testing.Wire;
import dev.oncell.plugins.coding.CodingAgent;
import dev.oncell.runtime.fixtures.TestHost;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eclipse.jgit.lib.Repository;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The coding agent's promise with SIGKILL (issue 15): the shipped plugin jar is deployed on a real
 * child server, a {@code task} plans and edits through a model on loopback, and the server is
 * killed while the project's tests run. The test command waits for a gate file in the cell's {@code
 * /work}, so the kill lands after the plan and the edit and during the tests, every time. The
 * restarted server finishes the run without asking the model again, pushes the branch once and
 * opens exactly one pull request.
 */
class CodingCrashRecoveryTest {

  private static final String KEY = "coding-crash-operator-key";
  private static final Map<String, String> ENV =
      Map.of(
          "ONCELL_API_KEY", KEY,
          "ONCELL_EMBEDDING_MODEL", "none",
          // The forge and the model listen on loopback, which the shipped agent does not list.
          "ONCELL_EGRESS_ALLOW", "127.0.0.1");
  private static final String TOKEN = "ghp_codingCrashT0ken0123456789ab";
  private static final String REPO = "acme/calc";
  private static final Duration PATIENCE = Duration.ofSeconds(120);
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Written by the test command once it runs; the test command then waits for {@link #GATE}. */
  private static final String TESTING = ".testing";

  private static final String GATE = ".gate";
  private static final String TEST_COMMAND =
      "touch /work/"
          + TESTING
          + "; while [ ! -e /work/"
          + GATE
          + " ]; do sleep 0.1; done; python3 -m unittest discover -v";

  private static final Map<String, String> PROJECT =
      Map.of(
          "pyproject.toml", "[project]\nname = \"calc\"\nversion = \"0.1.0\"\n",
          "calc.py", "def add(a, b):\n    return a - b\n",
          "tests/__init__.py", "",
          "tests/test_calc.py",
              """
              import unittest

              from calc import add


              class CalcTest(unittest.TestCase):
                  def test_add(self):
                      self.assertEqual(add(2, 3), 5)
              """);

  /** The child servers' ONCELL_HOME; no host opens on it in this JVM. */
  @RegisterExtension final TestHost oncell = TestHost.create();

  @TempDir Path tmp;
  private final List<ChildServer> servers = new ArrayList<>();
  private final StandIn model = StandIn.start();
  private LoopbackGitServer upstream;
  private FakeGitHub github;

  @BeforeEach
  void remotes() throws IOException {
    upstream = LoopbackGitServer.start(tmp.resolve("remote"), TOKEN);
    try (Repository repo = upstream.create(REPO)) {
      Repos.commit(repo, "main", PROJECT, "calc");
    }
    github = FakeGitHub.start();
    github.repo(REPO).token(TOKEN, true);
    upstream.withApi(github.handler()); // one host serves the repository and the forge's API
    Files.writeString(
        oncell.home().resolve("oncell.yaml"),
        """
        llm:
          default: openai
          max_retries: 0
          timeout: 60s
          providers:
            openai: { api_key: sk-coding-crash-0000, model: gpt-4o, base_url: %s }
        """
            .formatted(model.v1()));
  }

  @AfterEach
  void stop() {
    servers.forEach(ChildServer::close);
    upstream.close();
    github.close();
    model.close();
  }

  private ChildServer serve() throws IOException {
    ChildServer server = ChildServer.start(oncell.home(), tmp.resolve("user"), ENV);
    servers.add(server);
    return server;
  }

  @Test
  void aKillDuringTheTestsCostsNoSecondModelRequestAndOpensOnePullRequest() throws Exception {
    model.then(
        Wire.openAiText(
            "gpt-4o",
            JSON.writeValueAsString(
                Map.of(
                    "title",
                    "Make add() add",
                    "summary",
                    "add() subtracted; it now adds.",
                    "steps",
                    List.of("fix add"),
                    "files",
                    List.of("calc.py"))),
            300,
            40),
        Wire.openAiText(
            "gpt-4o",
            "calc.py\n<<<<<<< SEARCH\n    return a - b\n=======\n    return a + b\n>>>>>>> REPLACE\n",
            400,
            30));

    ChildServer first = serve();
    List<RunEvent> seen = new CopyOnWriteArrayList<>();
    try (OncellClient client = OncellClient.create(URI.create(first.url()), KEY)) {
      client.gitCredentials().set("acme", upstream.host(), Optional.empty(), TOKEN);
      client
          .deployments()
          .deploy(
              ShippedPlugins.jar(CodingAgent.class, "coding"),
              "production",
              Optional.of("bubblewrap"));
      ObjectNode config = JSON.createObjectNode();
      config.put("repoUrl", upstream.url(REPO).toString());
      config.putObject("forge").put("kind", "github").put("apiBase", upstream.baseUrl());
      config.put("testCommand", TEST_COMMAND);
      client
          .customers()
          .create(
              CreateCustomer.of("acme")
                  .withAgent("coding")
                  .withConfig(config)
                  .withWaitForSetup(true));
      Thread.ofVirtual()
          .start(
              () -> {
                try {
                  client.agents().stream(
                      "task",
                      "acme",
                      JSON.createObjectNode().put("instruction", "Make `add` add"),
                      seen::add);
                } catch (OncellApiException e) {
                  // the server dies under the stream
                }
              });
      long deadline = System.nanoTime() + PATIENCE.toNanos();
      while (!CrashTestSupport.exists(client, TESTING)) {
        assertThat(System.nanoTime())
            .as("the task reaches its tests: %s", seen)
            .isLessThan(deadline);
        Thread.sleep(50);
      }
      first.kill(); // planned, edited, the test command running and held at the gate
    }
    assertThat(model.count()).as("the plan and the edit were asked for").isEqualTo(2);
    assertThat(CrashTestSupport.progress(seen))
        .contains("planned: Make add() add", "editing calc.py");
    assertThat(github.pulls(REPO)).as("nothing delivered before the kill").isEmpty();
    assertThat(CrashTestSupport.branches(upstream, REPO)).containsExactly("refs/heads/main");
    String runId = seen.getFirst().data().path("runId").asText();

    ChildServer second = serve();
    try (OncellClient client = OncellClient.create(URI.create(second.url()), KEY)) {
      client.files("acme").write(GATE, new byte[0]);
      Run run;
      long deadline = System.nanoTime() + PATIENCE.toNanos();
      while ((run = client.runs().get(runId)).status().equals("running")) {
        assertThat(System.nanoTime()).as("run %s finishes", runId).isLessThan(deadline);
        Thread.sleep(50);
      }
      assertThat(run.status()).as("%s", run.error()).isEqualTo("succeeded");
      JsonNode result = run.result().orElseThrow();
      assertThat(result.path("status").asText()).as("%s", result).isEqualTo("succeeded");
      assertThat(result.path("testsPassed").asBoolean()).isTrue();
      assertThat(result.path("rounds").asInt()).isEqualTo(1);
      assertThat(result.path("filesChanged"))
          .extracting(JsonNode::asText)
          .containsExactly("calc.py");

      assertThat(model.count()).as("no token spent again on the finished steps").isEqualTo(2);

      String branch = result.path("branch").asText();
      assertThat(branch).startsWith("oncell/coding/");
      assertThat(CrashTestSupport.branches(upstream, REPO))
          .as("the run's branch, once, beside main")
          .containsExactly("refs/heads/main", "refs/heads/" + branch);
      try (Repository repo = upstream.open(REPO)) {
        String head = Repos.head(repo, branch).orElseThrow();
        assertThat(CrashTestSupport.fileAt(repo, head, "calc.py"))
            .as("the edit, committed")
            .contains("return a + b");
      }
      assertThat(CrashTestSupport.pushesReceived(upstream)).as("pushed once").isEqualTo(1);
      assertThat(github.pulls(REPO)).as("one pull request").hasSize(1);
      FakeForge.Pr pr = github.pulls(REPO).getFirst();
      assertThat(pr.head).isEqualTo(branch);
      assertThat(pr.title).isEqualTo("Make add() add");
      assertThat(github.calls("POST", "/pulls")).as("one creation").hasSize(1);
      assertThat(result.path("pullRequest").path("number").asLong()).isEqualTo(pr.number);
    }
  }
}
