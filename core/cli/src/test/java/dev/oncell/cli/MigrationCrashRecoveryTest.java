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
import dev.oncell.forge.testing.FakeGitHub;
import dev.oncell.git.testing.LoopbackGitServer;
import dev.oncell.git.testing.Repos;
import dev.oncell.llm.testing.StandIn;
import dev.oncell.llm.testing.Wire;
import dev.oncell.plugins.migration.MigrationAgent;
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
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The migration agent's promise with SIGKILL (issue 16): the shipped plugin jar is deployed on a
 * real child server and a {@code migrate} of a Python 3.11 project to 3.12 is killed while the
 * gates of its second step run (after step 1 was committed and step 2's model edit applied). The
 * test command counts its runs in the cell and, from the third (baseline, step 1, step 2), waits
 * for a gate file, so the kill lands there every time. The restarted server resumes at the
 * unfinished step: no second model request, no step applied or committed twice, one push, one pull
 * request.
 */
class MigrationCrashRecoveryTest {

  private static final String KEY = "migration-crash-operator-key";
  private static final Map<String, String> ENV =
      Map.of(
          "ONCELL_API_KEY", KEY,
          "ONCELL_EMBEDDING_MODEL", "none",
          "ONCELL_EGRESS_ALLOW", "127.0.0.1");
  private static final String TOKEN = "ghp_migrationCrashT0ken0123456789";
  private static final String REPO = "acme/calc";
  private static final Duration PATIENCE = Duration.ofSeconds(180);
  private static final ObjectMapper JSON = new ObjectMapper();

  private static final String TESTING = ".testing";
  private static final String GATE = ".gate";
  private static final String TEST_COMMAND =
      "n=$(cat /work/.runs 2>/dev/null || echo 0); n=$((n+1)); echo $n > /work/.runs;"
          + " if [ $n -ge 3 ]; then touch /work/"
          + TESTING
          + "; while [ ! -e /work/"
          + GATE
          + " ]; do sleep 0.1; done; fi; python3 -m unittest discover -v";

  private static final Map<String, String> PROJECT =
      Map.of(
          "pyproject.toml", "[project]\nname = \"calc\"\nversion = \"0.1.0\"\n",
          "calc.py",
              "def add(a, b):\n    return a + b\n\n\ndef tags():\n    return {\"a\": 1, \"b\": 2}\n",
          "tests/__init__.py", "",
          "tests/test_calc.py",
              """
              import unittest

              from calc import add, tags


              class CalcTest(unittest.TestCase):
                  def test_add(self):
                      self.assertEquals(add(2, 3), 5)

                  def test_tags(self):
                      self.assertDictContainsSubset({"a": 1}, tags())
              """);

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
    upstream.withApi(github.handler());
    Files.writeString(
        oncell.home().resolve("oncell.yaml"),
        """
        llm:
          default: openai
          max_retries: 0
          timeout: 60s
          providers:
            openai: { api_key: sk-migration-crash-0000, model: gpt-4o, base_url: %s }
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
  void aKillDuringAStepsGatesResumesAtThatStepAndAppliesNoStepTwice() throws Exception {
    model.then(
        Wire.openAiText(
            "gpt-4o",
            "tests/test_calc.py\n<<<<<<< SEARCH\n"
                + "        self.assertDictContainsSubset({\"a\": 1}, tags())\n=======\n"
                + "        self.assertLessEqual({\"a\": 1}.items(), tags().items())\n"
                + ">>>>>>> REPLACE\n",
            400,
            30));

    ChildServer first = serve();
    List<RunEvent> seen = new CopyOnWriteArrayList<>();
    try (OncellClient client = OncellClient.create(URI.create(first.url()), KEY)) {
      client.gitCredentials().set("acme", upstream.host(), Optional.empty(), TOKEN);
      client
          .deployments()
          .deploy(
              ShippedPlugins.jar(MigrationAgent.class, "migration"),
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
                  .withAgent("migration")
                  .withConfig(config)
                  .withWaitForSetup(true));
      Thread.ofVirtual()
          .start(
              () -> {
                try {
                  client.agents().stream(
                      "migrate",
                      "acme",
                      JSON.createObjectNode().put("from", "python3.11").put("to", "python3.12"),
                      seen::add);
                } catch (OncellApiException e) {
                  // the server dies under the stream
                }
              });
      long deadline = System.nanoTime() + PATIENCE.toNanos();
      while (!CrashTestSupport.exists(client, TESTING)) {
        assertThat(System.nanoTime())
            .as("the migration reaches step 2's gates: %s", seen)
            .isLessThan(deadline);
        Thread.sleep(50);
      }
      first.kill(); // step 1 committed, step 2 edited, its tests held at the gate
    }
    assertThat(model.count()).as("step 2's edit was asked for").isEqualTo(1);
    assertThat(CrashTestSupport.progress(seen))
        .anyMatch(m -> m.startsWith("step 1 committed: "))
        .contains("step 2/3: assertDictContainsSubset, removed without a replacement");
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
      assertThat(result.path("steps").findValuesAsText("status"))
          .containsExactly("committed", "committed", "unchanged");
      assertThat(model.count()).as("no token spent again").isEqualTo(1);

      String branch = result.path("branch").asText();
      assertThat(CrashTestSupport.branches(upstream, REPO))
          .containsExactly("refs/heads/main", "refs/heads/" + branch);
      try (Repository repo = upstream.open(REPO)) {
        String head = Repos.head(repo, branch).orElseThrow();
        assertThat(subjectsSinceMain(repo, head))
            .as("each step committed once, in order")
            .containsExactly(
                "python3.11 to python3.12, step 2/3: assertDictContainsSubset, removed without a"
                    + " replacement",
                "python3.11 to python3.12, step 1/3: unittest aliases removed in 3.12");
        assertThat(CrashTestSupport.fileAt(repo, head, "tests/test_calc.py"))
            .contains("self.assertEqual(add(2, 3), 5)")
            .contains("assertLessEqual");
      }
      assertThat(CrashTestSupport.pushesReceived(upstream)).as("pushed once").isEqualTo(1);
      assertThat(github.pulls(REPO)).as("one pull request").hasSize(1);
      assertThat(github.calls("POST", "/pulls")).as("one creation").hasSize(1);
    }
  }

  private List<String> subjectsSinceMain(Repository repo, String head) throws IOException {
    String main = Repos.head(repo, "main").orElseThrow();
    List<String> subjects = new ArrayList<>();
    try (RevWalk walk = new RevWalk(repo)) {
      walk.markStart(walk.parseCommit(ObjectId.fromString(head)));
      walk.markUninteresting(walk.parseCommit(ObjectId.fromString(main)));
      for (RevCommit c : walk) {
        subjects.add(c.getShortMessage());
      }
    }
    return subjects;
  }
}
