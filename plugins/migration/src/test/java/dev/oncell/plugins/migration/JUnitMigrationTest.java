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
import java.util.Optional;
import org.eclipse.jgit.lib.Repository;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A JUnit 4 to 5 migration of a real Java project ({@link JavaProjects}), compiled and tested in
 * the cell's sandbox after every step: the recipe's rules, its model step (expected exceptions),
 * and a fix round for the message-first {@code assertEquals} the rules cannot reorder; it ends in
 * one pull request with one commit per green step.
 */
class JUnitMigrationTest {

  private static final String TOKEN = "forge-token-0123456789abcdef";
  private static final String REPO = "acme/calc-java";
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

  @BeforeEach
  void remotes() {
    upstream = LoopbackGitServer.start(tmp.resolve("remote"), TOKEN);
    try (Repository repo = upstream.create(REPO)) {
      Repos.commit(repo, "main", JavaProjects.junit4(), "a JUnit 4 project");
    }
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

  @Test
  void junit4To5EndsInAPullRequestWithOneCommitPerGreenStep() {
    ObjectNode config = JSON.createObjectNode().put("repoUrl", upstream.url(REPO).toString());
    config.putObject("forge").put("kind", "github").put("apiBase", upstream.baseUrl());
    TestCell cell = kit.customer("acme", config);
    JavaProjects.supplyTools(cell.files());
    var before = cell.shell("sh run-tests.sh");
    assertThat(before.stdout()).as("JUnit 4 runs: %s", before).contains("3 tests successful");

    model.reply(JavaProjects.EXPECTED_TO_ASSERT_THROWS);
    model.reply(JavaProjects.MESSAGE_LAST);
    RunInfo run = cell.run("migrate", new Migration("JUnit 4", "JUnit 5", null, null, null, null));
    assertThat(run.result()).as("a result: %s", run).isPresent();
    MigrationResult result = JSON.convertValue(run.result().orElseThrow(), MigrationResult.class);

    assertThat(result.status()).as(String.valueOf(result)).isEqualTo("succeeded");
    assertThat(result.recipe()).isEqualTo("junit4-to-junit5");
    assertThat(result.steps())
        .extracting(StepResult::status)
        .containsExactly("unchanged", "committed", "committed", "committed", "unchanged");
    assertThat(result.steps().get(3).fixRounds())
        .as("assertEquals fixed by the model")
        .isEqualTo(1);
    assertThat(result.testsBefore()).isEqualTo(3);
    assertThat(result.testsAfter()).isEqualTo(3);
    assertThat(result.usagesLeft()).isZero();

    String branch = result.branch();
    assertThat(cell.shell("git log --format=%s main.." + branch).stdout().lines().toList())
        .containsExactly(
            "JUnit 4 to JUnit 5, step 4/5: assertions and assumptions",
            "JUnit 4 to JUnit 5, step 3/5: test annotations and timeouts",
            "JUnit 4 to JUnit 5, step 2/5: expected exceptions as assertThrows");
    for (String commit : List.of(branch + "~2", branch + "~1", branch)) {
      cell.shell("git checkout -q " + commit);
      assertThat(cell.shell("sh run-tests.sh").stdout())
          .as("every commit builds and passes: bisectable (%s)", commit)
          .contains("3 tests successful");
    }
    String migrated =
        cell.shell("git show " + branch + ":src/test/java/calc/CalcTest.java").stdout();
    assertThat(migrated)
        .contains("import org.junit.jupiter.api.Test;")
        .contains("import org.junit.jupiter.api.BeforeEach;")
        .contains("import static org.junit.jupiter.api.Assertions.assertEquals;")
        .contains("assertTrue(Calc.add(two, 1) > 0, \"a sum of positives\");")
        .contains("assertEquals(5, Calc.add(two, 3), \"two and three\");");

    List<FakeForge.Pr> prs = github.pulls(REPO);
    assertThat(prs)
        .singleElement()
        .satisfies(
            pr -> {
              assertThat(pr.title).isEqualTo("Migrate JUnit 4 to JUnit 5");
              assertThat(pr.body)
                  .contains("| 2 | expected exceptions as assertThrows | model |")
                  .contains(
                      "| 4 | assertions and assumptions | rules | `src/test/java/calc/CalcTest.java` | 3 | 3 | committed `")
                  .contains("(fixed in 1 round(s))");
            });
    assertThat(Repos.head(upstream.open(REPO), branch)).isPresent();
  }
}
