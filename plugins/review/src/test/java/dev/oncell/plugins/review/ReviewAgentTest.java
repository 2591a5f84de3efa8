package dev.oncell.plugins.review;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.oncell.forge.testing.FakeForge;
import dev.oncell.forge.testing.FakeGitHub;
import dev.oncell.git.testing.LoopbackGitServer;
import dev.oncell.git.testing.Repos;
import dev.oncell.runtime.RunInfo;
import dev.oncell.runtime.RunStatus;
import dev.oncell.testkit.OncellTestKit;
import dev.oncell.testkit.ScriptedModel;
import dev.oncell.testkit.TestCell;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The review agent in real cells of an embedded host (bubblewrap), against a real repository served
 * over smart HTTP on loopback and a GitHub stand-in on the same host and port, with a scripted
 * model: the findings it posts, where, and what a second push reviews.
 */
class ReviewAgentTest {

  static final String TOKEN = "ghp_reviewT0ken4Acme0123456789ab";
  static final String REPO = "acme/shop";

  /** calc.py on main: 13 lines. */
  static final String CALC =
      """
      \"""Prices.\"""


      def price(amount):
          return amount


      def tax(amount):
          return amount * 0.2


      def total(amount):
          return price(amount) + tax(amount)
      """;

  /** The pull request's first push adds lines 14 to 17; line 17 has the bug. */
  static final String DISCOUNT =
      """


      def discount(amount, percent):
          return amount - amount * percent / 10
      """;

  /** The second push adds lines 18 to 21. */
  static final String REFUND =
      """


      def refund(amount):
          return -amount * 2
      """;

  static final ScriptedModel model = ScriptedModel.start();

  @RegisterExtension
  static final OncellTestKit kit =
      OncellTestKit.forAgent(ReviewAgent.class)
          .withModel(model)
          // The local forge listens on 127.0.0.1, which the shipped agent does not list: the
          // operator's allowance adds it, as `oncell serve --egress-allow 127.0.0.1` would.
          .withHostConfig(
              c ->
                  c.withEmbeddingModel("none")
                      .withCells(
                          dev.oncell.runtime.CellDefaults.defaults()
                              .withEgressAllow(java.util.List.of("127.0.0.1"))));

  private Path remotes;
  private LoopbackGitServer upstream;
  private FakeGitHub github;
  private String main;
  private FakeForge.Pr pr;

  @BeforeEach
  void repositoryAndPullRequest() throws IOException {
    remotes = Files.createTempDirectory("review-remotes-");
    upstream = LoopbackGitServer.start(remotes, TOKEN);
    github = FakeGitHub.start();
    github.repo(REPO).token(TOKEN, true);
    upstream.withApi(github.handler()); // one host serves the repository and the forge's API
    try (Repository repo = upstream.create(REPO)) {
      main = Repos.commit(repo, "main", Map.of("calc.py", CALC), "prices");
    }
    pr = github.openPullRequest(REPO, "feature", "main", "Add a discount");
    pr.baseSha = main;
    push(Optional.of(main), CALC + DISCOUNT, "discount");
  }

  @AfterEach
  void stop() throws IOException {
    upstream.close();
    github.close();
    try (var walk = Files.walk(remotes)) {
      walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  @AfterAll
  static void stopModel() {
    model.close();
  }

  /** Commits calc.py on the pull request's branch and its pull ref, as a push would. */
  private String push(Optional<String> parent, String calc, String message) {
    try (Repository repo = upstream.open(REPO)) {
      String commit = Repos.commitOn(repo, "feature", parent, Map.of("calc.py", calc), message);
      RefUpdate update = repo.updateRef("refs/pull/" + pr.number + "/head");
      update.setNewObjectId(ObjectId.fromString(commit));
      update.setForceUpdate(true);
      update.update();
      pr.headSha = commit;
      return commit;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private TestCell acme() {
    kit.host().gitCredentials().set("acme", upstream.host(), Optional.empty(), TOKEN);
    ObjectNode config = JsonNodeFactory.instance.objectNode();
    config.put("repoUrl", upstream.url(REPO).toString());
    config.putObject("forge").put("kind", "github").put("apiBase", upstream.baseUrl());
    return kit.customer("acme", config);
  }

  private static Map<String, Object> finding(int line, String severity, String title) {
    Map<String, Object> f = new LinkedHashMap<>();
    f.put("file", "calc.py");
    f.put("line", line);
    f.put("side", "RIGHT");
    f.put("severity", severity);
    f.put("category", "BUG");
    f.put("title", title);
    f.put("body", "Explained: " + title + ".");
    return f;
  }

  @SafeVarargs
  private static Map<String, Object> findings(Map<String, Object>... items) {
    return Map.of("findings", List.of(items));
  }

  private ReviewResult review(TestCell cell) {
    return cell.call("review", Map.of("pullRequest", pr.number), ReviewResult.class);
  }

  @Test
  void findingsInsideTheDiffArePostedOnTheirLinesAndOthersGoToTheSummary() {
    TestCell acme = acme();
    Map<String, Object> bug = finding(17, "CRITICAL", "Percent divided by 10");
    bug.put("suggestion", "    return amount - amount * percent / 100");
    model.replyJson(findings(bug, finding(5, "MINOR", "price does nothing")));

    ReviewResult result = review(acme);

    assertThat(pr.reviewComments).as("one inline comment").hasSize(1);
    JsonNode inline = pr.reviewComments.getFirst();
    assertThat(inline.path("path").asText()).isEqualTo("calc.py");
    assertThat(inline.path("line").asInt()).as("the line the model named").isEqualTo(17);
    assertThat(inline.path("side").asText()).isEqualTo("RIGHT");
    assertThat(inline.path("commit_id").asText()).isEqualTo(pr.headSha);
    assertThat(inline.path("body").asText())
        .contains("Percent divided by 10")
        .contains("```suggestion\n    return amount - amount * percent / 100\n```");
    assertThat(pr.comments).as("one summary").hasSize(1);
    assertThat(pr.comments.getFirst().path("body").asText())
        .contains("changes requested")
        .contains("Outside the diff")
        .contains("`calc.py:5` price does nothing");
    assertThat(result.verdict()).isEqualTo(Verdict.CHANGES_REQUESTED);
    assertThat(pr.verdicts).as("submitted to the forge").containsExactly("REQUEST_CHANGES");
    assertThat(result.verdictSubmitted()).isTrue();
    assertThat(result.incremental()).isFalse();
    assertThat(result.since()).isEqualTo(main);
    assertThat(result.outsideDiff()).extracting(Finding::line).containsExactly(5);
    assertThat(model.requests().getLast().toString())
        .as("the prompt numbers the changed lines")
        .contains("R17 + ")
        .contains("discount(amount, percent)");
  }

  @Test
  void aMalformedStructuredAnswerIsSentBackAndTheCorrectedOneIsUsed() {
    TestCell acme = acme();
    int before = model.requestCount();
    long spentBefore = kit.host().usage().customer("acme").totalTokens();
    model.reply("Looks fine to me!").replyJson(findings(finding(17, "MINOR", "Magic number")));

    ReviewResult result = review(acme);

    assertThat(result.tokens())
        .as("both answers' tokens, as the host metered them")
        .isPositive()
        .isEqualTo(kit.host().usage().customer("acme").totalTokens() - spentBefore);
    assertThat(model.requestCount() - before).as("the answer and its correction").isEqualTo(2);
    assertThat(result.comments()).extracting(Finding::title).containsExactly("Magic number");
    assertThat(result.verdict()).as("no critical finding").isEqualTo(Verdict.APPROVED);
    assertThat(pr.reviewComments).hasSize(1);
  }

  @Test
  void aSecondPushIsReviewedOnlyForItsChangesAndAFindingIsNeverPostedTwice() {
    TestCell acme = acme();
    model.replyJson(findings(finding(17, "MAJOR", "Percent divided by 10")));
    ReviewResult first = review(acme);
    assertThat(pr.reviewComments).hasSize(1);

    String second = push(Optional.of(first.head()), CALC + DISCOUNT + REFUND, "refund");
    model.replyJson(
        findings(
            finding(17, "MAJOR", "Percent divided by 10!"), // the same finding, worded again
            finding(21, "CRITICAL", "Refund doubles the amount")));
    ReviewResult again = review(acme);

    assertThat(again.incremental()).isTrue();
    assertThat(again.since()).as("from the head reviewed last").isEqualTo(first.head());
    assertThat(again.head()).isEqualTo(second);
    String prompt = model.requests().getLast().toString();
    assertThat(prompt).as("the new change is reviewed").contains("def refund(amount)");
    assertThat(prompt)
        .as("the first push's change is not shown as changed again")
        .doesNotContain("+ def discount");
    assertThat(again.duplicates()).isEqualTo(1);
    assertThat(pr.reviewComments)
        .extracting(c -> c.path("line").asInt())
        .as("the duplicate is not posted again")
        .containsExactly(17, 21);
    assertThat(pr.comments).as("one summary, edited in place").hasSize(1);
    assertThat(again.summaryComment()).isEqualTo(first.summaryComment());
    assertThat(pr.editedComments).containsExactly(first.summaryComment());
    assertThat(pr.comments.getFirst().path("body").asText())
        .as("the summary now speaks of the second review")
        .contains(second.substring(0, 7))
        .contains("changes requested");
    assertThat(again.verdict()).isEqualTo(Verdict.CHANGES_REQUESTED);
  }

  @Test
  void aSecretAddedByThePullRequestIsACriticalFindingEvenWhenTheModelMissesIt() {
    TestCell acme = acme();
    String key = "AKIA" + "Q3EXAMPLEKEY7H2Z";
    push(Optional.of(pr.headSha), CALC + DISCOUNT + "\nAWS_KEY = \"" + key + "\"\n", "config");
    model.replyJson(findings());

    ReviewResult result = review(acme);

    assertThat(result.comments())
        .extracting(Finding::line, Finding::category, Finding::severity)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(19, Category.SECURITY, Severity.CRITICAL));
    assertThat(result.verdict()).isEqualTo(Verdict.CHANGES_REQUESTED);
    assertThat(pr.reviewComments).hasSize(1);
    assertThat(pr.reviewComments.getFirst().path("line").asInt()).isEqualTo(19);
    assertThat(pr.reviewComments.getFirst().path("body").asText())
        .contains("aws-access-key-id")
        .as("the secret itself is not repeated on the forge")
        .doesNotContain(key);
  }

  @Test
  void aForcePushIsReviewedInFullAndAFixedFindingIsMarkedResolved() {
    TestCell acme = acme();
    model.replyJson(findings(finding(17, "CRITICAL", "Percent divided by 10")));
    ReviewResult first = review(acme);
    assertThat(first.verdict()).isEqualTo(Verdict.CHANGES_REQUESTED);

    // Rewritten from main: the head reviewed first is no longer in the pull request's history.
    String fixed = DISCOUNT.replace("percent / 10", "percent / 100");
    String rewritten = push(Optional.of(main), CALC + fixed, "discount, fixed");
    model.replyJson(findings());
    ReviewResult again = review(acme);

    assertThat(again.incremental()).as("the last reviewed head is gone: a full review").isFalse();
    assertThat(again.since()).isEqualTo(main);
    assertThat(again.head()).isEqualTo(rewritten);
    assertThat(model.requests().getLast().toString())
        .as("the whole change is shown again")
        .contains("def discount(amount, percent)");
    assertThat(again.resolved()).containsExactly("`calc.py:17` Percent divided by 10");
    assertThat(again.verdict())
        .as("the only critical finding is fixed")
        .isEqualTo(Verdict.APPROVED);
    assertThat(pr.verdicts).containsExactly("REQUEST_CHANGES", "APPROVE");
    assertThat(pr.comments).as("the one summary").hasSize(1);
    assertThat(pr.comments.getFirst().path("body").asText())
        .contains("approved")
        .contains("### Resolved")
        .contains("`calc.py:17` Percent divided by 10");
  }

  @Test
  void aPullRequestNumberBelowOneFailsClearlyAndPostsNothing() {
    TestCell acme = acme();
    RunInfo run = acme.run("review", Map.of("pullRequest", 0));
    assertThat(run.status()).isEqualTo(RunStatus.FAILED);
    // An agent's own Failure keeps its code in the run's error.
    assertThat(run.error().orElseThrow().code()).isEqualTo("review_invalid_input");
    assertThat(run.error().orElseThrow().message())
        .contains("pullRequest is the pull request's number");
    assertThat(pr.reviewComments).isEmpty();
    assertThat(pr.comments).isEmpty();
  }
}
