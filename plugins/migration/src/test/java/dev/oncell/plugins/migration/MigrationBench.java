package dev.oncell.plugins.migration;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import dev.oncell.forge.testing.FakeGitHub;
import dev.oncell.git.testing.LoopbackGitServer;
import dev.oncell.git.testing.Repos;
import dev.oncell.runtime.RunInfo;
import dev.oncell.testkit.OncellTestKit;
import dev.oncell.testkit.ScriptedModel;
import dev.oncell.testkit.TestCell;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.eclipse.jgit.lib.Repository;

/**
 * The migration agent's benchmark: a suite of small real projects, each with a migration, run in a
 * real embedded host (real sandbox, real git on loopback, FakeGitHub) twice: with the recipe's
 * deterministic rules alone ({@code useModel: false}) and with a scripted model for the steps rules
 * cannot do. Prints success rates and time per step (over the steps that changed files: committed
 * or reverted; a step with nothing to change costs milliseconds and is not counted).
 *
 * <p>Run it from the module's test class path: see the README's "Benchmark" for the commands.
 */
public final class MigrationBench {

  private static final String TOKEN = "bench-token-0123456789abcdef";
  private static final ObjectMapper JSON = new ObjectMapper().registerModule(new Jdk8Module());

  /** One project of the suite: its files, its migration and the model's scripted answers. */
  record Case(
      String name,
      Map<String, String> files,
      String from,
      String to,
      List<String> model,
      boolean java) {}

  private MigrationBench() {}

  public static void main(String[] args) throws Exception {
    ScriptedModel model = ScriptedModel.start();
    OncellTestKit kit =
        OncellTestKit.forAgent(MigrationAgent.class)
            .withModel(model)
            .withHostConfig(
                c ->
                    c.withEmbeddingModel("none")
                        .withCells(
                            dev.oncell.runtime.CellDefaults.defaults()
                                .withEgressAllow(List.of("127.0.0.1"))));
    Path tmp = Files.createTempDirectory("migration-bench-");
    kit.beforeAll(null);
    List<String[]> rows = new ArrayList<>();
    int[] succeeded = new int[2];
    long[] stepMillis = new long[2];
    int[] steps = new int[2];
    List<Case> suite = suite();
    try (LoopbackGitServer upstream = LoopbackGitServer.start(tmp.resolve("remote"), TOKEN);
        FakeGitHub github = FakeGitHub.start()) {
      upstream.withApi(github.handler());
      int n = 0;
      for (Case c : suite) {
        for (int mode = 0; mode < 2; mode++) {
          boolean withModel = mode == 1;
          String repo = "bench/p" + (++n);
          try (Repository r = upstream.create(repo)) {
            Repos.commit(r, "main", c.files(), "the project");
          }
          github.repo(repo).token(TOKEN, true);
          String customer = "bench-" + n;
          kit.host().gitCredentials().set(customer, upstream.host(), Optional.empty(), TOKEN);
          ObjectNode config = JSON.createObjectNode().put("repoUrl", upstream.url(repo).toString());
          config.putObject("forge").put("kind", "github").put("apiBase", upstream.baseUrl());
          if (withModel) {
            c.model().forEach(model::reply);
          }
          int before = model.requestCount();
          TestCell cell = kit.customer(customer, config);
          if (c.java()) {
            JavaProjects.supplyTools(cell.files());
          }
          RunInfo run =
              cell.run("migrate", new Migration(c.from(), c.to(), null, null, withModel, null));
          MigrationResult result =
              JSON.convertValue(
                  run.result().orElseThrow(() -> new AssertionError(run)), MigrationResult.class);
          boolean ok = result.status().equals("succeeded") && result.usagesLeft() == 0;
          succeeded[mode] += ok ? 1 : 0;
          long ran = 0;
          int ranSteps = 0;
          StringBuilder statuses = new StringBuilder();
          for (StepResult s : result.steps()) {
            statuses.append(statuses.isEmpty() ? "" : " ").append(abbreviation(s.status()));
            if (s.status().equals(StepResult.COMMITTED) || s.status().equals(StepResult.REVERTED)) {
              ran += s.millis();
              ranSteps++;
            }
          }
          stepMillis[mode] += ran;
          steps[mode] += ranSteps;
          rows.add(
              new String[] {
                c.name(),
                withModel ? "rules+model" : "rules",
                result.status() + (ok ? "" : " (" + result.usagesLeft() + " left)"),
                statuses.toString(),
                String.valueOf(model.requestCount() - before),
                ranSteps == 0 ? "-" : String.valueOf(ran / ranSteps)
              });
          cell.shell("true");
          kit.host().cells().delete(customer);
        }
      }
    } finally {
      kit.afterAll(null);
      model.close();
    }
    System.out.println();
    System.out.printf(
        Locale.ROOT,
        "%-22s %-12s %-22s %-22s %6s %12s%n",
        "project",
        "mode",
        "status",
        "steps",
        "model",
        "ms/step");
    for (String[] r : rows) {
      System.out.printf(Locale.ROOT, "%-22s %-12s %-22s %-22s %6s %12s%n", (Object[]) r);
    }
    System.out.println();
    for (int mode = 0; mode < 2; mode++) {
      System.out.printf(
          Locale.ROOT,
          "%-12s success %d/%d (%.0f%%), %d steps changed files, mean %d ms per step%n",
          mode == 0 ? "rules" : "rules+model",
          succeeded[mode],
          suite.size(),
          100.0 * succeeded[mode] / suite.size(),
          steps[mode],
          steps[mode] == 0 ? 0 : stepMillis[mode] / steps[mode]);
    }
  }

  private static String abbreviation(String status) {
    return switch (status) {
      case StepResult.COMMITTED -> "C";
      case StepResult.UNCHANGED -> "-";
      case StepResult.REVERTED -> "R";
      case StepResult.SKIPPED -> "S";
      default -> "n";
    };
  }

  private static String block(String path, String search, String replace) {
    return path + "\n<<<<<<< SEARCH\n" + search + "=======\n" + replace + ">>>>>>> REPLACE\n";
  }

  private static Map<String, String> python(String code, String tests) {
    Map<String, String> files = new TreeMap<>();
    files.put("pyproject.toml", "[project]\nname = \"p\"\nversion = \"0.1.0\"\n");
    files.put("calc.py", code);
    files.put("tests/__init__.py", "");
    files.put("tests/test_calc.py", tests);
    return files;
  }

  static List<Case> suite() {
    String calc =
        "def add(a, b):\n    return a + b\n\n\ndef tags():\n    return {\"a\": 1, \"b\": 2}\n";
    String header =
        "import re\nimport unittest\n\nfrom calc import add, tags\n\n\nclass CalcTest(unittest.TestCase):\n";
    List<Case> suite = new ArrayList<>();
    suite.add(
        new Case(
            "aliases",
            python(
                calc,
                header
                    + "    def test_add(self):\n        self.assertEquals(add(2, 3), 5)\n\n"
                    + "    def test_not(self):\n        self.assertNotEquals(add(2, 2), 5)\n\n"
                    + "    def test_regex(self):\n        self.assertRegexpMatches(str(add(2, 3)), r\"^5$\")\n\n"
                    + "    def test_raises(self):\n        with self.assertRaisesRegexp(TypeError, \"unsupported\"):\n            add(1, \"x\")\n"),
            "python3.11",
            "python3.12",
            List.of(),
            false));
    suite.add(
        new Case(
            "dict-subset",
            python(
                calc,
                header
                    + "    def test_add(self):\n        self.assertEquals(add(2, 3), 5)\n\n"
                    + "    def test_tags(self):\n        self.assertDictContainsSubset({\"a\": 1}, tags())\n"),
            "python3.11",
            "python3.12",
            List.of(
                block(
                    "tests/test_calc.py",
                    "        self.assertDictContainsSubset({\"a\": 1}, tags())\n",
                    "        self.assertLessEqual({\"a\": 1}.items(), tags().items())\n")),
            false));
    suite.add(
        new Case(
            "imp-module",
            python(
                "import imp\n\n\ndef add(a, b):\n    return a + b\n\n\ndef tags():\n    return {}\n\n\n"
                    + "def fresh(module):\n    return imp.reload(module)\n",
                header
                    + "    def test_add(self):\n        self.assertEqual(add(2, 3), 5)\n\n"
                    + "    def test_fresh(self):\n        from calc import fresh\n\n        self.assertIs(fresh(re), re)\n"),
            "python3.11",
            "python3.12",
            List.of(
                block("calc.py", "import imp\n", "import importlib\n")
                    + block(
                        "calc.py",
                        "    return imp.reload(module)\n",
                        "    return importlib.reload(module)\n")),
            false));
    suite.add(
        new Case(
            "own-assertEquals",
            python(
                calc,
                header
                    + "    def assertEquals(self, a, b):\n        self.assertAlmostEqual(a, b, places=2)\n\n"
                    + "    def test_add(self):\n        self.assertEquals(add(0.1, 0.2), 0.3)\n"),
            "python3.11",
            "python3.12",
            List.of(
                block(
                        "tests/test_calc.py",
                        "    def assertEquals(self, a, b):\n",
                        "    def assertClose(self, a, b):\n")
                    + block(
                        "tests/test_calc.py",
                        "        self.assertEqual(add(0.1, 0.2), 0.3)\n",
                        "        self.assertClose(add(0.1, 0.2), 0.3)\n")),
            false));
    suite.add(
        new Case(
            "junit4-java",
            JavaProjects.junit4(),
            "junit4",
            "junit5",
            List.of(JavaProjects.EXPECTED_TO_ASSERT_THROWS, JavaProjects.MESSAGE_LAST),
            true));
    return suite;
  }
}
