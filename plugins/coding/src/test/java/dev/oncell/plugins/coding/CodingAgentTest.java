package dev.oncell.plugins.coding;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import dev.oncell.forge.testing.FakeForge;
import dev.oncell.forge.testing.FakeGitHub;
import dev.oncell.git.testing.LoopbackGitServer;
import dev.oncell.git.testing.Repos;
import dev.oncell.runtime.RunInfo;
import dev.oncell.testkit.OncellTestKit;
import dev.oncell.testkit.ScriptedModel;
import dev.oncell.testkit.TestCell;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.jgit.lib.Repository;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The coding agent in a real embedded host (real sandbox, real git through the host's relay)
 * against a small Python project with {@code unittest} on a loopback git remote, whose port also
 * serves GitHub's pulls API ({@link FakeGitHub}). A {@link ScriptedModel} plays the model.
 */
class CodingAgentTest {

  private static final String TOKEN = "forge-token-0123456789abcdef";
  private static final String REPO = "acme/calc";
  private static final ObjectMapper JSON = new ObjectMapper().registerModule(new Jdk8Module());

  static final ScriptedModel model = ScriptedModel.start();

  @RegisterExtension
  static final OncellTestKit kit =
      OncellTestKit.forAgent(CodingAgent.class)
          .withModel(model)
          // The local forge listens on 127.0.0.1, which the shipped agent does not list: the
          // operator's allowance adds it, as `oncell serve --egress-allow 127.0.0.1` would.
          .withHostConfig(
              c ->
                  c.withEmbeddingModel("none")
                      .withCells(
                          dev.oncell.runtime.CellDefaults.defaults()
                              .withEgressAllow(java.util.List.of("127.0.0.1"))));

  @TempDir Path tmp;
  private LoopbackGitServer upstream;
  private FakeGitHub github;

  static final Map<String, String> PROJECT =
      Map.of(
          "pyproject.toml", "[project]\nname = \"calc\"\nversion = \"0.1.0\"\n",
          "AGENTS.md", "Keep functions small. Run the tests before you push.\n",
          "calc.py", "def add(a, b):\n    return a - b\n\n\ndef mul(a, b):\n    return a * b\n",
          "tests/__init__.py", "",
          "tests/test_calc.py",
              """
              import unittest

              from calc import add, mul


              class CalcTest(unittest.TestCase):
                  def test_add(self):
                      self.assertEqual(add(2, 3), 5)

                  def test_mul(self):
                      self.assertEqual(mul(2, 3), 6)
              """);

  @BeforeEach
  void remotes() {
    upstream = LoopbackGitServer.start(tmp.resolve("remote"), TOKEN);
    try (Repository repo = upstream.create(REPO)) {
      Repos.commit(repo, "main", PROJECT, "calc");
    }
    github = FakeGitHub.start();
    github.repo(REPO).token(TOKEN, true);
    upstream.withApi(github.handler()); // one host serves the repository and the forge's API
    kit.host().gitCredentials().set("acme", upstream.host(), Optional.empty(), TOKEN);
  }

  @AfterEach
  void stop() {
    upstream.close();
    github.close();
  }

  private TestCell acme(Map<String, Object> more) {
    ObjectNode config = JSON.createObjectNode().put("repoUrl", upstream.url(REPO).toString());
    config.putObject("forge").put("kind", "github").put("apiBase", upstream.baseUrl());
    more.forEach((k, v) -> config.set(k, JSON.valueToTree(v)));
    return kit.customer("acme", config);
  }

  private static TaskResult result(RunInfo run) {
    assertThat(run.result()).as("a result: %s", run).isPresent();
    return JSON.convertValue(run.result().orElseThrow(), TaskResult.class);
  }

  private static String block(String path, String search, String replace) {
    return path + "\n<<<<<<< SEARCH\n" + search + "=======\n" + replace + ">>>>>>> REPLACE\n";
  }

  @Test
  void setupClonesDetectsTheToolchainAndRemembersIt() {
    TestCell cell = acme(Map.of());
    assertThat(cell.memory().get(CodingAgent.BASE)).map(JsonNode::asText).contains("main");
    assertThat(cell.memory().get(CodingAgent.TOOLCHAIN).orElseThrow().path("testCommand").asText())
        .isEqualTo("python3 -m unittest discover -v");
    assertThat(cell.shell("python3 --version").exitCode()).as("python3 in the sandbox").isZero();
  }

  @Test
  void setupInstallsDependenciesAndAFailedInstallIsRememberedNotFatal() {
    TestCell cell = acme(Map.of("installCommand", "echo deps > .installed"));
    assertThat(cell.memory().get(Dependencies.MEMORY_KEY).orElseThrow().path("outcome").asText())
        .isEqualTo("installed");
    assertThat(cell.shell("cat .installed").stdout()).isEqualTo("deps\n");

    kit.host().gitCredentials().set("broken", upstream.host(), Optional.empty(), TOKEN);
    ObjectNode config =
        JSON.createObjectNode()
            .put("repoUrl", upstream.url(REPO).toString())
            .put("installCommand", "echo 'no such package' >&2; exit 3");
    config.putObject("forge").put("kind", "github").put("apiBase", upstream.baseUrl());
    TestCell broken = kit.customer("broken", config);
    JsonNode outcome = broken.memory().get(Dependencies.MEMORY_KEY).orElseThrow();
    assertThat(outcome.path("outcome").asText()).isEqualTo("failed");
    assertThat(outcome.path("message").asText()).contains("exit 3").contains("no such package");
    assertThat(broken.memory().get(CodingAgent.BASE)).as("setup went on").isPresent();
  }

  @Test
  void aRejectedEditIsCorrectedFailingTestsAreFixedAndOnePullRequestOpens() {
    TestCell cell = acme(Map.of());
    model.replyJson(
        new Plan(
            "Make add() add",
            "add() subtracted; it now adds.",
            List.of("fix add"),
            List.of("calc.py")));
    // round 1: a block that does not apply, its correction (which breaks mul), tests fail
    model.reply(
        block(
            "calc.py", "def add(x, y):\n    return x - y\n", "def add(x, y):\n    return x + y\n"));
    model.reply(
        block("calc.py", "    return a - b\n", "    return a + b\n")
            + block("calc.py", "    return a * b\n", "    return a * b + 1\n"));
    // round 2: the failure is fixed
    model.reply(block("calc.py", "    return a * b + 1\n", "    return a * b\n"));

    int before = model.requestCount();
    long spentBefore = kit.host().usage().customer("acme").totalTokens();
    RunInfo run = cell.run("task", new Task("Make `add` add instead of subtract", null, null));
    assertThat(run.status().toString()).as(String.valueOf(run)).isEqualToIgnoringCase("succeeded");
    TaskResult result = result(run);
    assertThat(result.status()).isEqualTo("succeeded");
    assertThat(result.testsPassed()).isTrue();
    assertThat(result.rounds()).isEqualTo(2);
    assertThat(result.filesChanged()).containsExactly("calc.py");
    assertThat(result.tokens())
        .as("every call's tokens, the structured plan's included, as the host metered them")
        .isPositive()
        .isEqualTo(kit.host().usage().customer("acme").totalTokens() - spentBefore);
    assertThat(result.branch()).startsWith("oncell/coding/");

    List<JsonNode> requests = model.requests().subList(before, model.requestCount());
    assertThat(requests).hasSize(4);
    assertThat(requests.get(2).toString())
        .as("the rejected block went back with its reason")
        .contains("did not apply")
        .contains("is nowhere in it");
    assertThat(requests.get(3).toString()).as("the failing output went back").contains("FAILED");

    assertThat(Repos.head(upstream.open(REPO), result.branch())).as("pushed").isPresent();
    List<FakeForge.Pr> prs = github.pulls(REPO);
    assertThat(prs)
        .singleElement()
        .satisfies(
            pr -> {
              assertThat(pr.head).isEqualTo(result.branch());
              assertThat(pr.base).isEqualTo("main");
              assertThat(pr.title).isEqualTo("Make add() add");
              assertThat(pr.body).contains("`calc.py`").contains("passed after 2 rounds");
            });
    assertThat(result.pullRequest()).map(p -> p.number()).contains(prs.getFirst().number);

    List<String> progress =
        cell.events(run.id(), "progress").stream()
            .map(e -> e.data().path("message").asText())
            .toList();
    assertThat(progress)
        .contains(
            "reading AGENTS.md",
            "reading calc.py",
            "editing calc.py",
            "running python3 -m unittest discover -v: 1 failed",
            "running python3 -m unittest discover -v: passed",
            "pushing " + result.branch());
  }

  @Test
  void testsThatNeverPassFailTheTaskWithTheirOutputAndPushNothing() {
    TestCell cell = acme(Map.of("maxRounds", 2));
    model.replyJson(new Plan("Fix add", "", List.of(), List.of("calc.py")));
    model.reply(block("calc.py", "    return a - b\n", "    return a * b\n"));
    model.reply(
        block("calc.py", "def add(a, b):\n    return a * b\n", "def add(a, b):\n    return 0\n"));

    RunInfo run = cell.run("task", new Task("Make add add", null, "fix-add"));
    TaskResult result = result(run);
    assertThat(result.status()).as(String.valueOf(run)).isEqualTo("failed");
    assertThat(result.rounds()).isEqualTo(2);
    assertThat(result.testsPassed()).isFalse();
    assertThat(result.reason()).hasValueSatisfying(r -> assertThat(r).contains("did not pass"));
    assertThat(result.testOutput()).contains("FAILED");
    assertThat(result.pullRequest()).isEmpty();
    assertThat(Repos.head(upstream.open(REPO), "fix-add")).as("not pushed").isEmpty();
    assertThat(github.pulls(REPO)).isEmpty();
    assertThat(cell.shell("git branch --show-current").stdout().strip()).isEqualTo("main");
  }

  @Test
  void aFileThatLooksLikeASecretIsNeverCommitted() {
    TestCell cell = acme(Map.of());
    model.replyJson(new Plan("Add settings", "", List.of(), List.of()));
    model.reply(
        block("calc.py", "    return a - b\n", "    return a + b\n")
            + "settings.py\n<<<<<<< SEARCH\n=======\nAPI_TOKEN = \"ghp_a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8\"\n>>>>>>> REPLACE\n");

    RunInfo run = cell.run("task", new Task("Fix add and add settings", null, "settings"));
    TaskResult result = result(run);
    assertThat(result.status()).as(String.valueOf(run)).isEqualTo("failed");
    assertThat(result.testsPassed()).isTrue();
    assertThat(result.reason())
        .hasValueSatisfying(
            r -> assertThat(r).contains("settings.py:1 (github-pat)").doesNotContain("ghp_a1B2"));
    assertThat(Repos.head(upstream.open(REPO), "settings")).isEmpty();
    assertThat(github.pulls(REPO)).isEmpty();
  }

  @Test
  void aTaskWithoutAnInstructionFailsAndChangesNothing() {
    TestCell cell = acme(Map.of());
    int before = model.requestCount();
    RunInfo run = cell.run("task", new Task(" ", null, null));
    assertThat(run.status().toString()).isEqualToIgnoringCase("failed");
    assertThat(String.valueOf(run)).contains("needs an instruction");
    assertThat(model.requestCount()).isEqualTo(before);
    assertThat(cell.shell("git status --porcelain").stdout()).isEmpty();
  }

  /** A task that succeeds in one round: its pull request, for the revisions. */
  private TaskResult fixedAdd(TestCell cell) {
    model.replyJson(new Plan("Make add() add", "add() subtracted.", List.of(), List.of("calc.py")));
    model.reply(block("calc.py", "    return a - b\n", "    return a + b\n"));
    TaskResult task = result(cell.run("task", new Task("Make `add` add", null, null)));
    assertThat(task.status()).isEqualTo("succeeded");
    return task;
  }

  private static RevisionResult revision(RunInfo run) {
    assertThat(run.result()).as("a result: %s", run).isPresent();
    return JSON.convertValue(run.result().orElseThrow(), RevisionResult.class);
  }

  @Test
  void reviseAddressesTheReviewCommentsOnTheSameBranchAndAnswersEachThread() throws Exception {
    TestCell cell = acme(Map.of());
    TaskResult task = fixedAdd(cell);
    long number = task.pullRequest().orElseThrow().number();
    long note =
        github.inlineComment(
            REPO, number, "calc.py", 2, "alice", "Name the parameters x and y, please.");

    model.reply(
        block(
            "calc.py", "def add(a, b):\n    return a + b\n", "def add(x, y):\n    return x + y\n"));
    int before = model.requestCount();
    RunInfo run = cell.run("revise", new Revision(number, null));
    RevisionResult revised = revision(run);
    assertThat(revised.status()).as(String.valueOf(run)).isEqualTo("succeeded");
    assertThat(revised.branch()).isEqualTo(task.branch());
    assertThat(revised.pullRequest()).isEqualTo(number);
    assertThat(revised.addressed()).containsExactly(note);
    assertThat(revised.filesChanged()).containsExactly("calc.py");
    assertThat(revised.testsPassed()).isTrue();
    assertThat(revised.rounds()).isEqualTo(1);
    assertThat(model.requests().subList(before, model.requestCount()))
        .singleElement()
        .satisfies(
            r ->
                assertThat(r.toString())
                    .contains("Name the parameters x and y, please.")
                    .contains("alice")
                    .contains("calc.py line 2"));

    String commit = revised.commit().orElseThrow();
    assertThat(Repos.head(upstream.open(REPO), task.branch())).as("pushed").contains(commit);
    FakeForge.Pr pr = github.pulls(REPO).getFirst();
    assertThat(github.pulls(REPO)).as("never a second pull request").hasSize(1);
    assertThat(pr.reviewComments)
        .filteredOn(c -> c.path("in_reply_to_id").asLong() == note)
        .singleElement()
        .satisfies(
            c -> {
              assertThat(c.path("body").asText()).contains("Addressed in " + commit);
              assertThat(c.path("path").asText()).isEqualTo("calc.py");
            });
    assertThat(cell.shell("git show HEAD:calc.py").stdout()).contains("def add(x, y):");

    // Nothing new to address: refused before the model is asked.
    int again = model.requestCount();
    RunInfo nothing = cell.run("revise", new Revision(number, null));
    assertThat(nothing.status().toString()).isEqualToIgnoringCase("failed");
    assertThat(String.valueOf(nothing)).contains("nothing to revise");
    assertThat(model.requestCount()).isEqualTo(again);

    // Feedback given in words: the same branch again, answered on the conversation.
    model.reply(
        block(
            "calc.py",
            "def mul(a, b):\n    return a * b\n",
            "def mul(a, b):\n    \"\"\"The product.\"\"\"\n    return a * b\n"));
    RevisionResult fed =
        revision(cell.run("revise", new Revision(number, "Document mul with a docstring")));
    assertThat(fed.status()).isEqualTo("succeeded");
    assertThat(fed.addressed()).isEmpty();
    assertThat(Repos.head(upstream.open(REPO), task.branch())).contains(fed.commit().orElseThrow());
    assertThat(pr.comments)
        .singleElement()
        .satisfies(
            c ->
                assertThat(c.path("body").asText())
                    .contains("Addressed in " + fed.commit().orElseThrow())
                    .contains("Document mul with a docstring"));
    assertThat(github.pulls(REPO)).hasSize(1);
  }

  @Test
  void aRevisionOfNoPullRequestFailsAndChangesNothing() {
    TestCell cell = acme(Map.of());
    int before = model.requestCount();
    RunInfo zero = cell.run("revise", new Revision(0, null));
    assertThat(zero.status().toString()).isEqualToIgnoringCase("failed");
    assertThat(String.valueOf(zero)).contains("needs pullRequest");
    RunInfo blank = cell.run("revise", new Revision(1, " "));
    assertThat(String.valueOf(blank)).contains("feedback must not be blank");
    RunInfo missing = cell.run("revise", new Revision(42, null));
    assertThat(missing.status().toString()).isEqualToIgnoringCase("failed");
    assertThat(String.valueOf(missing)).contains("forge_not_found");
    assertThat(model.requestCount()).isEqualTo(before);
    assertThat(github.pulls(REPO)).isEmpty();
    assertThat(cell.shell("git status --porcelain").stdout()).isEmpty();
    assertThat(cell.shell("git branch --show-current").stdout().strip()).isEqualTo("main");
  }
}
