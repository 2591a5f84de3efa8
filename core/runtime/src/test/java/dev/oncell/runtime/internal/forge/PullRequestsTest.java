package dev.oncell.runtime.internal.forge;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.oncell.forge.testing.FakeForge;
import dev.oncell.forge.testing.FakeGitHub;
import dev.oncell.forge.testing.FakeGitLab;
import dev.oncell.forge.testing.FakeGitea;
import dev.oncell.runtime.CellInfo;
import dev.oncell.runtime.Cells;
import dev.oncell.runtime.Host;
import dev.oncell.runtime.PluginJars;
import dev.oncell.runtime.RunInfo;
import dev.oncell.runtime.RunStatus;
import dev.oncell.runtime.RunStep;
import dev.oncell.runtime.fixtures.TestHost;
import dev.oncell.runtime.internal.DefaultHost;
import dev.oncell.runtime.testagents.ForgeAgent;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ctx.pullRequests()} through the real host: a deployed agent opens and reviews pull
 * requests on the forge stand-ins, every request through the cell's own egress proxy, with a
 * credential the test stores with the host's {@code gitCredentials()}.
 */
class PullRequestsTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final byte[] AGENT = PluginJars.plugin("forge-plugin", "1.0.0", ForgeAgent.class);
  private static final String TOKEN = "ghp_s3cretTokenForAcme0123456789";
  private static final String REPO = "acme/shop";

  @RegisterExtension
  final TestHost oncell =
      TestHost.create(c -> c.withEmbeddingModel("none").withSandbox("bubblewrap"));

  @TempDir Path tmp;

  private final List<FakeForge> forges = new ArrayList<>();
  private FakeGitHub github;
  private Host host;

  @BeforeEach
  void start() {
    github = forge(FakeGitHub.start());
    github.repo(REPO).token(TOKEN, true);
    open();
    host.deployments().deploy(AGENT, "production");
  }

  private <F extends FakeForge> F forge(F forge) {
    forges.add(forge);
    return forge;
  }

  private void open() {
    host = DefaultHost.open(oncell.config());
  }

  @AfterEach
  void stop() {
    if (host != null) {
      host.close();
    }
    forges.forEach(FakeForge::close);
  }

  private void customer(String id, FakeForge forge, String kind) {
    ObjectNode config = JSON.createObjectNode();
    config.put("repoUrl", forge.repoUrl(REPO));
    config.putObject("forge").put("kind", kind).put("apiBase", forge.apiBase());
    customer(id, config);
  }

  private void customer(String id, ObjectNode config) {
    CellInfo info =
        host.cells().create(new Cells.NewCell(id, config, Optional.of("forge"), "production"));
    host.runs().await(info.setupRunId().orElseThrow());
  }

  private ObjectNode pr(String head, String title, String body) {
    return JSON.createObjectNode()
        .put("head", head)
        .put("base", "main")
        .put("title", title)
        .put("body", body);
  }

  private RunInfo start(String customer, String method, JsonNode input) {
    return host.runs().start(customer, method, input, Optional.empty());
  }

  private RunInfo run(String customer, String method, JsonNode input) {
    return host.runs().await(start(customer, method, input).id());
  }

  private JsonNode succeeded(RunInfo run) {
    assertThat(run.status()).as("%s", run.error()).isEqualTo(RunStatus.SUCCEEDED);
    return run.result().orElseThrow();
  }

  private String failure(RunInfo run) {
    assertThat(run.status()).isEqualTo(RunStatus.FAILED);
    return run.error().orElseThrow().code() + ": " + run.error().orElseThrow().message();
  }

  private String log(String id) throws IOException {
    return Files.readString(oncell.home().resolve("cells").resolve(id).resolve("logs/cell.log"));
  }

  @Test
  void ensureOpensAPullRequestThenUpdatesTheSameOneOnTheNextRun() throws IOException {
    host.gitCredentials().set("acme", "127.0.0.1", Optional.empty(), TOKEN);
    customer("acme", github, "github");

    JsonNode first = succeeded(run("acme", "open", pr("oncell/fix", "Fix it", "First try.")));
    JsonNode second = succeeded(run("acme", "open", pr("oncell/fix", "Fix it well", "Second.")));

    assertThat(second.get("number").asLong()).isEqualTo(first.get("number").asLong());
    assertThat(github.pulls(REPO)).hasSize(1);
    assertThat(github.pulls(REPO).getFirst().title).isEqualTo("Fix it well");
    assertThat(github.pulls(REPO).getFirst().body).isEqualTo("Second.");
    assertThat(github.calls("POST", "/pulls")).as("one creation").hasSize(1);
    assertThat(github.calls().getFirst().header("Authorization"))
        .as("the host sent the customer's token")
        .contains("Bearer " + TOKEN);
    assertThat(log("acme"))
        .as("through the cell's own egress proxy, and logged there")
        .contains("egress decision=allowed")
        .contains("host=127.0.0.1")
        .contains("forge ensure repo=127.0.0.1:");
  }

  @Test
  void commentsReviewCommentsListAndGetWorkOnGitLabAndGitea() {
    FakeGitLab gitlab = forge(FakeGitLab.start());
    gitlab.repo(REPO).token(TOKEN, true);
    FakeGitea gitea = forge(FakeGitea.start());
    gitea.repo(REPO).token(TOKEN, true);
    host.gitCredentials().set("lab", "127.0.0.1", Optional.empty(), TOKEN);
    host.gitCredentials().set("tea", "127.0.0.1", Optional.empty(), TOKEN);
    customer("lab", gitlab, "gitlab");
    customer("tea", gitea, "forgejo");

    for (var c : List.of(Map.entry("lab", gitlab), Map.entry("tea", gitea))) {
      JsonNode review =
          succeeded(run(c.getKey(), "reviewAndApprove", pr("oncell/r", "Review me", "Body")));
      FakeForge.Pr pr = c.getValue().pulls(REPO).getFirst();
      assertThat(review.get("number").asLong()).isEqualTo(pr.number);
      assertThat(review.get("open").asInt()).isEqualTo(1);
      assertThat(review.get("headSha").asText()).isEqualTo(FakeForge.sha("oncell/r"));
      assertThat(pr.comments)
          .as("%s comments (GitLab: the approval's message is a note)", c.getKey())
          .hasSize(c.getKey().equals("lab") ? 2 : 1);
      assertThat(pr.comments.getFirst().path("body").asText())
          .as("%s: the comment edited in place", c.getKey())
          .isEqualTo("Ready for review (edited).");
      assertThat(pr.editedComments).containsExactly(review.get("commentId").asLong());
      assertThat(pr.verdicts).as("%s verdict", c.getKey()).containsExactly("APPROVE");
      assertThat(pr.reviewComments).as("%s inline comments", c.getKey()).hasSize(1);
    }
  }

  @Test
  void aResumedRunReturnsJournaledAnswersWithoutCallingTheForgeAgain() throws Exception {
    host.gitCredentials().set("acme", "127.0.0.1", Optional.empty(), TOKEN);
    customer("acme", github, "github");
    Path gate = tmp.resolve("gate");
    ObjectNode input = JSON.createObjectNode();
    input.set("open", pr("oncell/resume", "Resume", "Body"));
    input.put("gate", gate.toString());
    RunInfo run = start("acme", "reviewThenWait", input);
    awaitStep(run.id(), "forge.get");
    int calls = github.calls().size();

    host.close();
    Files.createFile(gate);
    open();
    JsonNode review = succeeded(host.runs().await(run.id()));

    assertThat(github.calls()).as("no forge call after the restart").hasSize(calls);
    assertThat(github.pulls(REPO)).hasSize(1);
    assertThat(github.pulls(REPO).getFirst().comments).hasSize(1);
    assertThat(github.pulls(REPO).getFirst().editedComments)
        .as("the journaled edit is not sent again")
        .hasSize(1);
    assertThat(review.get("number").asLong()).isEqualTo(github.pulls(REPO).getFirst().number);
  }

  @Test
  void anEnsureCutAfterTheForgeCreatedItIsReconciledWithoutASecondCreation() throws Exception {
    host.gitCredentials().set("acme", "127.0.0.1", Optional.empty(), TOKEN);
    customer("acme", github, "github");
    CountDownLatch creating = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    github.beforeNextCreate(
        () -> {
          creating.countDown();
          try {
            release.await(60, TimeUnit.SECONDS);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        });
    RunInfo run = start("acme", "open", pr("oncell/crash", "Crash", "Body"));
    assertThat(creating.await(30, TimeUnit.SECONDS)).as("the creation reached the forge").isTrue();

    host.close(); // the run is cut: its ensure step is journaled started, not done
    release.countDown(); // the forge now finishes the creation whose answer nobody reads
    open();
    JsonNode pr = succeeded(host.runs().await(run.id()));

    assertThat(github.pulls(REPO)).as("one pull request").hasSize(1);
    assertThat(github.calls("POST", "/pulls")).as("no second creation").hasSize(1);
    assertThat(pr.get("number").asLong()).isEqualTo(github.pulls(REPO).getFirst().number);
    assertThat(host.runs().journal(run.id()))
        .filteredOn(s -> s.kind().equals("forge.ensure"))
        .extracting(RunStep::status)
        .as("reconciled: no second start of the step")
        .containsExactly("started", "done");
  }

  @Test
  void withoutACredentialTheRunFailsNamingTheHostAndTheCommand() {
    host.gitCredentials().set("acme", "127.0.0.1", Optional.empty(), TOKEN);
    customer("other", github, "github");

    assertThat(failure(run("other", "open", pr("oncell/x", "X", "Y"))))
        .as("acme's credential is not other's")
        .startsWith("git_credential_missing")
        .contains("127.0.0.1")
        .contains("oncell git credentials set --customer other --host 127.0.0.1");
    assertThat(github.calls()).as("nothing sent").isEmpty();
  }

  @Test
  void aForgeOutsideTheCellsAllowListIsRefusedBeforeAnythingIsSent() throws IOException {
    host.gitCredentials().set("acme", "localhost", Optional.empty(), TOKEN);
    String port = github.url().substring(github.url().lastIndexOf(':') + 1);
    ObjectNode config = JSON.createObjectNode();
    config.put("repoUrl", "http://localhost:" + port + "/" + REPO);
    config.putObject("forge").put("kind", "github").put("apiBase", "http://localhost:" + port);
    customer("acme", config);

    assertThat(failure(run("acme", "open", pr("oncell/x", "X", "Y"))))
        .startsWith("egress_refused")
        .contains("localhost");
    assertThat(github.calls()).as("nothing sent").isEmpty();
    assertThat(log("acme")).contains("forge ensure refused");
  }

  @Test
  void aRefusedTokenFailsTheRunWithForgeAuthFailed() {
    host.gitCredentials()
        .set("acme", "127.0.0.1", Optional.empty(), "ghp_wrongTokenNotKnownToTheForge42");
    customer("acme", github, "github");

    String failure = failure(run("acme", "open", pr("oncell/x", "X", "Y")));
    assertThat(failure).startsWith("forge_auth_failed").doesNotContain("ghp_wrong");
    assertThat(github.pulls(REPO)).isEmpty();
  }

  @Test
  void aForgeThatKeepsFailingFailsTheRunWithItsCodeAfterItsRetries() {
    host.gitCredentials().set("acme", "127.0.0.1", Optional.empty(), TOKEN);
    customer("acme", github, "github");
    Map<String, String> now = Map.of("Retry-After", "0"); // retried at once: no test sleeps

    for (int i = 0; i < 4; i++) {
      github.failNextWith(503, now);
    }
    assertThat(failure(run("acme", "open", pr("oncell/x", "X", "Y"))))
        .startsWith("forge_unavailable");
    assertThat(github.calls()).as("tried four times").hasSize(4);

    for (int i = 0; i < 4; i++) {
      github.failNextWith(429, now);
    }
    assertThat(failure(run("acme", "open", pr("oncell/x", "X", "Y"))))
        .startsWith("forge_rate_limited");

    github.failNextWith(502, now);
    succeeded(run("acme", "open", pr("oncell/x", "X", "Y")));
    assertThat(github.pulls(REPO)).as("a 502 then success: one pull request").hasSize(1);
  }

  @Test
  void aTokenWithoutWritePermissionIsForgeForbidden() {
    github.token("ghp_readOnlyTokenForAcme", false);
    host.gitCredentials().set("acme", "127.0.0.1", Optional.empty(), "ghp_readOnlyTokenForAcme");
    customer("acme", github, "github");
    assertThat(failure(run("acme", "open", pr("oncell/x", "X", "Y"))))
        .startsWith("forge_forbidden")
        .doesNotContain("ghp_readOnly");
    assertThat(github.pulls(REPO)).isEmpty();
  }

  @Test
  void aRepositoryOnAnUnknownHostNeedsTheForgeInTheConfig() {
    host.gitCredentials().set("acme", "127.0.0.1", Optional.empty(), TOKEN);
    customer("acme", JSON.createObjectNode().put("repoUrl", github.repoUrl(REPO)));
    assertThat(failure(run("acme", "open", pr("oncell/x", "X", "Y"))))
        .startsWith("forge_unknown")
        .contains("forge.kind")
        .contains("forge.apiBase");

    customer("elsewhere", github, "github");
    ObjectNode other = pr("oncell/x", "X", "Y").put("repoUrl", "https://github.com/acme/shop");
    assertThat(failure(run("elsewhere", "open", other)))
        .as("github.com is known, and needs a credential of its own")
        .startsWith("git_credential_missing")
        .contains("--host github.com");
    assertThat(github.calls()).isEmpty();
  }

  @Test
  void theTokenAppearsInNoEventJournalLogOrFile() throws IOException {
    host.gitCredentials().set("acme", "127.0.0.1", Optional.empty(), TOKEN);
    customer("acme", github, "github");
    RunInfo review = run("acme", "review", pr("oncell/leak", "Leak?", "No."));
    succeeded(review);
    github.failNext(1, 401);
    RunInfo failed = run("acme", "open", pr("oncell/leak", "Leak?", "Still no."));
    assertThat(failure(failed)).startsWith("forge_auth_failed");

    for (RunInfo r : List.of(review, failed)) {
      assertThat(String.valueOf(host.runs().find(r.id()).orElseThrow())).doesNotContain(TOKEN);
      assertThat(String.valueOf(host.runs().events(r.id(), 0, Duration.ZERO).events()))
          .doesNotContain(TOKEN);
      assertThat(String.valueOf(host.runs().journal(r.id()))).doesNotContain(TOKEN);
    }
    host.close();
    host = null;
    byte[] needle = TOKEN.getBytes(StandardCharsets.UTF_8);
    try (Stream<Path> files = Files.walk(oncell.home())) {
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        assertThat(indexOf(Files.readAllBytes(file), needle))
            .as("the token in %s", oncell.home().relativize(file))
            .isEqualTo(-1);
      }
    }
  }

  private static int indexOf(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= haystack.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }

  private void awaitStep(String runId, String kind) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (host.runs().journal(runId).stream()
        .noneMatch(s -> s.kind().equals(kind) && s.status().equals("done"))) {
      assertThat(System.nanoTime()).as("step %s never done", kind).isLessThan(deadline);
      Thread.sleep(20);
    }
  }
}
