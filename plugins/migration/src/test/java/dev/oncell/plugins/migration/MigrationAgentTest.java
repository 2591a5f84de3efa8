package dev.oncell.plugins.migration;

import static org.assertj.core.api.Assertions.assertThat;

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
import java.util.TreeMap;
import org.eclipse.jgit.lib.Repository;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The migration agent in a real embedded host (real sandbox, real git through the host's relay)
 * against small Python projects with {@code unittest} on a loopback git remote whose port also
 * serves GitHub's pulls API ({@link FakeGitHub}). A {@link ScriptedModel} plays the model.
 */
class MigrationAgentTest {

  private static final String TOKEN = "forge-token-0123456789abcdef";
  private static final String REPO = "acme/calc";
  private static final ObjectMapper JSON = new ObjectMapper().registerModule(new Jdk8Module());

  static final ScriptedModel model = ScriptedModel.start();

  @RegisterExtension
  static final OncellTestKit kit =
      OncellTestKit.forAgent(MigrationAgent.class)
          .withModel(model)
          .withHostConfig(
              c ->
                  c.withEmbeddingModel("none")
                      .withCells(
                          dev.oncell.runtime.CellDefaults.defaults()
                              .withEgressAllow(List.of("127.0.0.1"))));

  @TempDir Path tmp;
  private LoopbackGitServer upstream;
  private FakeGitHub github;

  static final String CALC =
      "def add(a, b):\n    return a + b\n\n\ndef tags():\n    return {\"a\": 1, \"b\": 2}\n";

  static final String OLD_TESTS =
      """
      import unittest

      from calc import add, tags


      class CalcTest(unittest.TestCase):
          def test_add(self):
              self.assertEquals(add(2, 3), 5)

          def test_add_negative(self):
              self.failUnless(add(-1, 1) == 0)

          def test_tags(self):
              self.assertDictContainsSubset({"a": 1}, tags())
      """;

  /** A Python 3.11 project whose tests use what 3.12 removed. */
  static Map<String, String> project() {
    Map<String, String> files = new TreeMap<>();
    files.put("pyproject.toml", "[project]\nname = \"calc\"\nversion = \"0.1.0\"\n");
    files.put("calc.py", CALC);
    files.put("tests/__init__.py", "");
    files.put("tests/test_calc.py", OLD_TESTS);
    return files;
  }

  @BeforeEach
  void remotes() {
    upstream = LoopbackGitServer.start(tmp.resolve("remote"), TOKEN);
    github = FakeGitHub.start();
    github.repo(REPO).token(TOKEN, true);
    upstream.withApi(github.handler());
    kit.host().gitCredentials().set("acme", upstream.host(), Optional.empty(), TOKEN);
  }

  @AfterEach
  void stop() {
    upstream.close();
    github.close();
  }

  private TestCell acme(Map<String, String> files, Map<String, Object> more) {
    try (Repository repo = upstream.create(REPO)) {
      Repos.commit(repo, "main", files, "the project");
    }
    ObjectNode config = JSON.createObjectNode().put("repoUrl", upstream.url(REPO).toString());
    config.putObject("forge").put("kind", "github").put("apiBase", upstream.baseUrl());
    more.forEach((k, v) -> config.set(k, JSON.valueToTree(v)));
    return kit.customer("acme", config);
  }

  private static MigrationResult result(RunInfo run) {
    assertThat(run.result()).as("a result: %s", run).isPresent();
    return JSON.convertValue(run.result().orElseThrow(), MigrationResult.class);
  }

  private static String block(String path, String search, String replace) {
    return path + "\n<<<<<<< SEARCH\n" + search + "=======\n" + replace + ">>>>>>> REPLACE\n";
  }

  private static final String SUBSET_FIX =
      block(
          "tests/test_calc.py",
          "        self.assertDictContainsSubset({\"a\": 1}, tags())\n",
          "        self.assertLessEqual({\"a\": 1}.items(), tags().items())\n");

  @Test
  void aRecipeCommitsOneStepAtATimeAndOpensOnePullRequestWithItsTable() {
    TestCell cell = acme(project(), Map.of());
    model.reply(SUBSET_FIX);
    int before = model.requestCount();

    RunInfo run =
        cell.run("migrate", new Migration("python3.11", "python3.12", null, null, null, null));
    MigrationResult result = result(run);
    assertThat(result.status()).as(String.valueOf(run)).isEqualTo("succeeded");
    assertThat(result.recipe()).isEqualTo("python-3.12");
    assertThat(result.testsBefore()).isEqualTo(3);
    assertThat(result.testsAfter()).isEqualTo(3);
    assertThat(result.usagesLeft()).isZero();
    assertThat(result.steps())
        .extracting(StepResult::status)
        .containsExactly("committed", "committed", "unchanged");
    assertThat(result.steps().get(0).source()).isEqualTo("rules");
    assertThat(result.steps().get(1).source()).isEqualTo("model");
    assertThat(result.steps().get(0).files()).containsExactly("tests/test_calc.py");
    assertThat(model.requestCount() - before).as("one model request: the model step").isEqualTo(1);

    String branch = result.branch();
    assertThat(branch).startsWith("oncell/migration/");
    String log = cell.shell("git log --format=%s main.." + branch).stdout();
    assertThat(log.lines().toList())
        .as("one commit per green step, newest first")
        .containsExactly(
            "python3.11 to python3.12, step 2/3: assertDictContainsSubset, removed without a"
                + " replacement",
            "python3.11 to python3.12, step 1/3: unittest aliases removed in 3.12");
    String tests = cell.shell("git show " + branch + ":tests/test_calc.py").stdout();
    assertThat(tests)
        .contains("self.assertEqual(add(2, 3), 5)")
        .contains("self.assertTrue(add(-1, 1) == 0)")
        .doesNotContain("assertDictContainsSubset");
    assertThat(cell.shell("git show " + branch + "~1:tests/test_calc.py").stdout())
        .as("step 1's commit alone: bisectable")
        .contains("assertDictContainsSubset")
        .contains("assertEqual(");

    assertThat(Repos.head(upstream.open(REPO), branch)).as("pushed").isPresent();
    List<FakeForge.Pr> prs = github.pulls(REPO);
    assertThat(prs)
        .singleElement()
        .satisfies(
            pr -> {
              assertThat(pr.head).isEqualTo(branch);
              assertThat(pr.base).isEqualTo("main");
              assertThat(pr.title).isEqualTo("Migrate python3.11 to python3.12");
              assertThat(pr.body)
                  .contains("| # | step | by | files | tests before | tests after | status |")
                  .contains(
                      "| 1 | unittest aliases removed in 3.12 | rules | `tests/test_calc.py` | 3 |"
                          + " 3 | committed `")
                  .contains(
                      "| 3 | imp and distutils, removed in 3.12 | model | - | 3 | 3 | unchanged |")
                  .contains("recipe `python-3.12`");
            });
    List<String> progress =
        cell.events(run.id(), "progress").stream()
            .map(e -> e.data().path("message").asText())
            .toList();
    assertThat(progress)
        .contains(
            "3 tests pass before the migration",
            "rewriting tests/test_calc.py",
            "step 1/3: unittest aliases removed in 3.12");
  }

  @Test
  void aStepThatDeletesATestIsRevertedAndTheRestIsNotRun() {
    TestCell cell = acme(project(), Map.of("maxFixRounds", 0));
    // The model "fixes" assertDictContainsSubset by deleting the test.
    model.reply(
        block(
            "tests/test_calc.py",
            "    def test_tags(self):\n        self.assertDictContainsSubset({\"a\": 1}, tags())\n",
            ""));

    MigrationResult result =
        result(
            cell.run(
                "migrate", new Migration("python 3.11", "Python 3.12", null, null, null, null)));
    assertThat(result.status()).isEqualTo("partial");
    assertThat(result.steps())
        .extracting(StepResult::status)
        .containsExactly("committed", "reverted", "not-run");
    StepResult reverted = result.steps().get(1);
    assertThat(reverted.reason().orElseThrow())
        .contains("the number of tests dropped from 3 to 2")
        .contains("test methods deleted: CalcTest.test_tags");
    assertThat(result.reason().orElseThrow()).contains("step 2");
    assertThat(cell.shell("git status --porcelain --untracked-files=no").stdout())
        .as("the step's edit was put back")
        .isEmpty();
    assertThat(cell.shell("git log --format=%s -1").stdout()).contains("step 1/3");
    assertThat(github.pulls(REPO).getFirst().title)
        .isEqualTo("Migrate python 3.11 to Python 3.12 (partial)");
    assertThat(github.pulls(REPO).getFirst().body).contains("| 2 | assertDictContainsSubset");
  }

  @Test
  void anEmptiedTestIsCaughtAndTheModelFixesIt() {
    TestCell cell = acme(project(), Map.of("maxFixRounds", 1));
    model.reply(
        block(
            "tests/test_calc.py",
            "        self.assertDictContainsSubset({\"a\": 1}, tags())\n",
            "        pass\n"));
    model.reply(
        block(
            "tests/test_calc.py",
            "    def test_tags(self):\n        pass\n",
            "    def test_tags(self):\n        self.assertLessEqual({\"a\": 1}.items(), tags().items())\n"));
    int before = model.requestCount();

    MigrationResult result =
        result(
            cell.run("migrate", new Migration("python3.11", "python3.12", null, null, null, null)));
    assertThat(result.status()).isEqualTo("succeeded");
    StepResult step = result.steps().get(1);
    assertThat(step.status()).isEqualTo("committed");
    assertThat(step.fixRounds()).isEqualTo(1);
    assertThat(model.requests().get(before + 1).toString())
        .as("the gate's finding went to the model")
        .contains("test methods emptied: CalcTest.test_tags");
  }

  @Test
  void withoutTheModelOnlyRulesRunAndModelStepsAreSkipped() {
    TestCell cell = acme(project(), Map.of());
    int before = model.requestCount();
    MigrationResult result =
        result(
            cell.run(
                "migrate", new Migration("python3.11", "python3.12", null, null, false, null)));
    assertThat(result.status()).isEqualTo("partial");
    assertThat(result.steps())
        .extracting(StepResult::status)
        .containsExactly("committed", "skipped", "unchanged");
    assertThat(result.steps().get(1).files())
        .as("the files the skipped step would have changed")
        .containsExactly("tests/test_calc.py");
    assertThat(result.usagesLeft()).as("assertDictContainsSubset is left").isEqualTo(1);
    assertThat(model.requestCount()).as("no token spent").isEqualTo(before);
  }

  @Test
  void withoutARecipeTheModelPlansTheStepsAndEachIsGatedAndCommitted() {
    TestCell cell = acme(project(), Map.of());
    model.replyJson(
        new MigrationPlan(
            "Rename add to plus",
            List.of(
                new MigrationPlan.PlannedStep(
                    "rename add to plus",
                    "Rename the function add to plus, and its callers.",
                    List.of("calc.py", "tests/test_calc.py", "../outside.txt")))));
    model.reply(
        block("calc.py", "def add(a, b):\n", "def plus(a, b):\n")
            + block(
                "tests/test_calc.py",
                "from calc import add, tags\n",
                "from calc import plus, tags\n")
            + block(
                "tests/test_calc.py",
                "        self.assertEquals(add(2, 3), 5)\n",
                "        self.assertEquals(plus(2, 3), 5)\n")
            + block(
                "tests/test_calc.py",
                "        self.failUnless(add(-1, 1) == 0)\n",
                "        self.failUnless(plus(-1, 1) == 0)\n"));
    int before = model.requestCount();

    MigrationResult result =
        result(cell.run("migrate", new Migration("add", "plus", null, null, null, null)));
    assertThat(result.status()).as(String.valueOf(result)).isEqualTo("succeeded");
    assertThat(result.recipe()).isEqualTo("model");
    assertThat(result.steps())
        .singleElement()
        .satisfies(
            s -> {
              assertThat(s.status()).isEqualTo("committed");
              assertThat(s.source()).isEqualTo("model");
              assertThat(s.files()).containsExactly("calc.py", "tests/test_calc.py");
            });
    assertThat(model.requests().get(before).toString())
        .as("the usages went into the plan's prompt")
        .contains("calc.py:1: def add(a, b):");
    assertThat(model.requests().get(before + 1).toString())
        .as("a planned path outside the repository is never read")
        .doesNotContain("outside.txt");
    assertThat(cell.shell("git show HEAD:calc.py").stdout()).contains("def plus(a, b):");
    assertThat(github.pulls(REPO).getFirst().body).contains("as planned by the model");
  }

  @Test
  void aCommandStepRunsInTheCellAndOnlyItsFilesAreKept() throws Exception {
    String recipes =
        """
        [{"id": "sed-aliases", "from": "unittest-aliases", "to": "unittest",
          "usages": "assertEquals", "files": "**/*.py",
          "steps": [{"name": "aliases by sed", "files": "**/*.py",
                     "command": "sed -i 's/self[.]assertEquals(/self.assertEqual(/' tests/test_calc.py && echo x > notes.txt"}]},
         {"id": "broken", "from": "a", "to": "b", "usages": "assertEquals", "files": "**/*.py",
          "steps": [{"name": "half done", "files": "**/*.py",
                     "command": "sed -i 's/assertEquals/assertEqual/' tests/test_calc.py; echo no codemod here >&2; exit 3"}]}]
        """;
    TestCell cell = acme(project(), Map.of("recipes", JSON.readTree(recipes)));

    MigrationResult result =
        result(cell.run("migrate", new Migration("x", "y", null, "sed-aliases", false, null)));
    assertThat(result.status()).as(String.valueOf(result)).isEqualTo("succeeded");
    StepResult step = result.steps().getFirst();
    assertThat(step.source()).isEqualTo("command");
    assertThat(step.files()).containsExactly("tests/test_calc.py");
    assertThat(step.skippedFiles())
        .containsExactly(
            "notes.txt: skipped: changed by the command outside the step's files, put back");
    assertThat(cell.files().exists("notes.txt")).as("put back").isFalse();
    assertThat(cell.shell("git show HEAD:tests/test_calc.py").stdout())
        .contains("self.assertEqual(add(2, 3), 5)");

    cell.shell("git checkout -q main");
    MigrationResult broken =
        result(cell.run("migrate", new Migration("a", "b", null, "broken", false, null)));
    assertThat(broken.status()).isEqualTo("failed");
    assertThat(broken.steps().getFirst().status()).isEqualTo("reverted");
    assertThat(broken.steps().getFirst().reason().orElseThrow())
        .isEqualTo("the command failed (exit 3): no codemod here");
    assertThat(cell.shell("git status --porcelain --untracked-files=no").stdout()).isEmpty();
  }

  @Test
  void aStepThatLowersCoverageByMoreThanFivePointsIsReverted() {
    Map<String, String> files = project();
    // A stand-in for coverage.py (not installed in the sandbox): the report the test command writes
    // says 90% while test_tags calls tags(), 70% once it no longer does.
    files.put(
        "cov.py",
        "import json\n"
            + "text = open('tests/test_calc.py').read()\n"
            + "pct = 90.0 if 'tags()' in text else 70.0\n"
            + "json.dump({'totals': {'percent_covered': pct}}, open('coverage.json', 'w'))\n");
    files.put(".gitignore", "coverage.json\n");
    files.put(
        ".oncell/agent.yaml", "testCommand: python3 -m unittest discover -v && python3 cov.py\n");
    TestCell cell = acme(files, Map.of("maxFixRounds", 0));
    model.reply(
        block(
            "tests/test_calc.py",
            "        self.assertDictContainsSubset({\"a\": 1}, tags())\n",
            "        self.assertTrue(True)\n"));

    MigrationResult result =
        result(
            cell.run("migrate", new Migration("python3.11", "python3.12", null, null, null, null)));
    assertThat(result.coverageBefore()).hasValue(90.0);
    assertThat(result.steps())
        .extracting(StepResult::status)
        .containsExactly("committed", "reverted", "not-run");
    assertThat(result.steps().get(1).reason().orElseThrow())
        .isEqualTo("line coverage dropped from 90.0% to 70.0% (at most 5.0 points allowed)");
  }

  @Test
  void badInputFailsWithAClearErrorAndChangesNothing() {
    TestCell cell = acme(project(), Map.of());
    int before = model.requestCount();
    RunInfo same = cell.run("migrate", new Migration("junit4", "JUnit 4", null, null, null, null));
    assertThat(same.status().toString()).isEqualToIgnoringCase("failed");
    assertThat(String.valueOf(same)).contains("invalid_migration").contains("the same");

    RunInfo unknown =
        cell.run("migrate", new Migration("a", "b", null, "no-such-recipe", null, null));
    assertThat(String.valueOf(unknown))
        .contains("unknown_recipe")
        .contains("no recipe is called no-such-recipe")
        .contains("junit4-to-junit5");

    RunInfo emptyScope =
        cell.run("migrate", new Migration("python3.11", "python3.12", "docs", null, null, null));
    assertThat(String.valueOf(emptyScope)).contains("invalid_scope").contains("names no file");
    RunInfo escaping =
        cell.run("migrate", new Migration("python3.11", "python3.12", "../x", null, null, null));
    assertThat(String.valueOf(escaping)).contains("invalid_scope").contains("..");
    RunInfo nothing =
        cell.run("migrate", new Migration("javax", "jakarta", null, null, null, null));
    assertThat(String.valueOf(nothing)).contains("nothing_to_migrate");
    RunInfo noRecipe =
        cell.run("migrate", new Migration("flask", "fastapi", null, null, false, null));
    assertThat(String.valueOf(noRecipe)).contains("unknown_recipe").contains("useModel");

    assertThat(model.requestCount()).as("no model call").isEqualTo(before);
    assertThat(github.pulls(REPO)).isEmpty();
    assertThat(cell.shell("git status --porcelain").stdout()).isEmpty();
    assertThat(cell.shell("git branch --format='%(refname:short)'").stdout().strip())
        .isEqualTo("main");
  }

  @Test
  void aProjectWithoutTestsIsRefused() {
    Map<String, String> files = new TreeMap<>();
    files.put("calc.py", "import imp\n\n\ndef add(a, b):\n    return a + b\n");
    files.put(".oncell/agent.yaml", "testCommand: python3 -c 'import calc'\n");
    TestCell cell = acme(files, Map.of());
    RunInfo run =
        cell.run("migrate", new Migration("python3.11", "python3.12", null, null, null, null));
    assertThat(run.status().toString()).isEqualToIgnoringCase("failed");
    assertThat(String.valueOf(run)).contains("no_tests").contains("will not claim");
    assertThat(github.pulls(REPO)).isEmpty();
  }
}
