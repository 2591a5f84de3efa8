package dev.oncell.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.oncell.client.CreateCustomer;
import dev.oncell.client.OncellClient;
import dev.oncell.client.Run;
import dev.oncell.forge.testing.FakeForge;
import dev.oncell.forge.testing.FakeGitHub;
import dev.oncell.git.testing.LoopbackGitServer;
import dev.oncell.git.testing.Repos;
import dev.oncell.runtime.PluginJars;
import dev.oncell.runtime.fixtures.TestHost;
import dev.oncell.runtime.testagents.PullRequestAgent;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A push and a pull request survive a SIGKILL of the server between their journal's
 * <em>started</em> and <em>done</em>: the server runs as a child JVM, an agent commits on the run's
 * branch, pushes it to a remote on loopback and ensures its pull request on a GitHub stand-in
 * served from the same host and port; the remote or the stand-in holds the call at the chosen point
 * until the server is killed. After a restart on the same home the run succeeds with one branch at
 * the right commit and one pull request.
 */
class GitCrashRecoveryTest {

  private static final String KEY = "git-crash-operator-key";
  private static final Map<String, String> ENV =
      Map.of("ONCELL_API_KEY", KEY, "ONCELL_EMBEDDING_MODEL", "none");
  private static final String TOKEN = "ghp_crashT0ken4Acme0123456789abc";
  private static final String REPO = "acme/shop";
  private static final Duration PATIENCE = Duration.ofSeconds(90);
  private static final ObjectMapper JSON = new ObjectMapper();

  /** The child servers' ONCELL_HOME; no host opens on it in this JVM. */
  @RegisterExtension final TestHost oncell = TestHost.create();

  @TempDir Path tmp;
  private final List<ChildServer> servers = new ArrayList<>();
  private LoopbackGitServer upstream;
  private FakeGitHub github;

  @BeforeEach
  void remotes() {
    upstream = LoopbackGitServer.start(tmp.resolve("remote"), TOKEN);
    try (Repository repo = upstream.create(REPO)) {
      Repos.commit(repo, "main", Map.of("README.md", "hello\n"), "first");
    }
    github = FakeGitHub.start();
    github.repo(REPO).token(TOKEN, true);
    upstream.withApi(github.handler()); // one host serves the repository and the forge's API
  }

  @AfterEach
  void stop() {
    servers.forEach(ChildServer::close);
    upstream.close();
    github.close();
  }

  private ChildServer serve() throws IOException {
    ChildServer server = ChildServer.start(oncell.home(), tmp.resolve("user"), ENV);
    servers.add(server);
    return server;
  }

  private static OncellClient client(ChildServer server) {
    return OncellClient.create(URI.create(server.url()), KEY);
  }

  /**
   * On a first server: the credential (stored before the customer exists), the agent, the customer
   * (its setup clones the repository), then a {@code deliver} run in the background; its id once
   * the run exists.
   */
  private String startDelivery(ChildServer server) throws Exception {
    OncellClient client = client(server); // not closed: its call outlives this method
    client.gitCredentials().set("acme", upstream.host(), Optional.empty(), TOKEN);
    client
        .deployments()
        .deploy(
            PluginJars.plugin("pull-request-plugin", "1.0.0", PullRequestAgent.class),
            "production",
            Optional.of("bubblewrap"));
    ObjectNode config = JSON.createObjectNode();
    config.put("repoUrl", upstream.url(REPO).toString());
    config.putObject("forge").put("kind", "github").put("apiBase", upstream.baseUrl());
    client
        .customers()
        .create(
            CreateCustomer.of("acme")
                .withAgent("pull-request")
                .withConfig(config)
                .withWaitForSetup(true));
    ObjectNode change =
        JSON.createObjectNode()
            .put("file", "fix.txt")
            .put("text", "fixed\n")
            .put("message", "Fix the basket total")
            .put("base", "main")
            .put("title", "Fix the basket");
    Thread.ofVirtual()
        .start(
            () -> {
              try {
                client.agents().call("deliver", "acme", change);
              } catch (RuntimeException e) {
                // the server dies under the call
              }
            });
    long deadline = System.nanoTime() + PATIENCE.toNanos();
    while (true) {
      Optional<Run> run =
          client.runs().list("acme").stream().filter(r -> r.method().equals("deliver")).findFirst();
      if (run.isPresent()) {
        return run.get().runId();
      }
      assertThat(System.nanoTime()).as("the deliver run starts").isLessThan(deadline);
      Thread.sleep(20);
    }
  }

  /** Restarts the server on the same home and waits for the run it resumes to succeed. */
  private Finished restartAndFinish(String runId) throws Exception {
    ChildServer second = serve();
    try (OncellClient client = client(second)) {
      Run run;
      long deadline = System.nanoTime() + PATIENCE.toNanos();
      while ((run = client.runs().get(runId)).status().equals("running")) {
        assertThat(System.nanoTime()).as("run %s finishes", runId).isLessThan(deadline);
        Thread.sleep(50);
      }
      assertThat(run.status()).as("%s", run.error()).isEqualTo("succeeded");
      HttpResponse<String> journal =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(
                          URI.create(second.url() + "/v1/runs/" + runId + "/journal"))
                      .header("Authorization", "Bearer " + KEY)
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
      return new Finished(run.result().orElseThrow(), JSON.readTree(journal.body()).path("steps"));
    }
  }

  /** A finished run's result and its journal's steps. */
  private record Finished(JsonNode result, JsonNode steps) {

    List<String> statuses(String kind, String name) {
      List<String> out = new ArrayList<>();
      for (JsonNode step : steps) {
        if (step.path("kind").asText().equals(kind)
            && (name.isEmpty() || step.path("name").asText().equals(name))) {
          out.add(step.path("status").asText());
        }
      }
      return out;
    }

    String branch() {
      return result.path("branch").asText();
    }

    String commit() {
      return result.path("commit").asText();
    }
  }

  private List<String> upstreamBranches() throws IOException {
    try (Repository repo = upstream.open(REPO)) {
      return repo.getRefDatabase().getRefsByPrefix("refs/heads/").stream()
          .map(Ref::getName)
          .sorted()
          .toList();
    }
  }

  private Optional<String> upstreamHead(String branch) {
    try (Repository repo = upstream.open(REPO)) {
      return Repos.head(repo, branch);
    }
  }

  private long pushesReceived() {
    return upstream.requests().stream()
        .filter(r -> r.method().equals("POST") && r.path().endsWith("/git-receive-pack"))
        .count();
  }

  /** One branch pushed at the run's commit, one pull request of that branch, one creation. */
  private void assertOneBranchOnePullRequest(Finished run) throws IOException {
    assertThat(run.branch()).matches("oncell/pull-request/[0-9a-z-]{8}");
    assertThat(upstreamBranches())
        .as("the run's branch, once, beside main")
        .containsExactly("refs/heads/main", "refs/heads/" + run.branch());
    assertThat(upstreamHead(run.branch())).as("at the run's commit").contains(run.commit());
    assertThat(github.pulls(REPO)).as("one pull request").hasSize(1);
    FakeForge.Pr pr = github.pulls(REPO).getFirst();
    assertThat(pr.head).isEqualTo(run.branch());
    assertThat(pr.title).isEqualTo("Fix the basket");
    assertThat(github.calls("POST", "/pulls")).as("one creation").hasSize(1);
    assertThat(run.result().path("pullRequest").path("number").asLong()).isEqualTo(pr.number);
  }

  @Test
  void aPushCutBeforeTheUpstreamAppliedItIsPushedAgainAfterTheRestart() throws Exception {
    LoopbackGitServer.Hold hold = upstream.holdNextPush(LoopbackGitServer.Stage.BEFORE_APPLYING);
    ChildServer first = serve();
    String runId = startDelivery(first);
    hold.awaitReached(PATIENCE);
    first.kill(); // the push step is journaled started, the upstream never got the pack
    assertThat(upstreamBranches()).as("nothing pushed yet").containsExactly("refs/heads/main");

    Finished run = restartAndFinish(runId);

    assertOneBranchOnePullRequest(run);
    assertThat(run.result().path("push").path("status").asText())
        .as("the reconcile found the branch absent and pushed it")
        .isEqualTo("CREATED");
    assertThat(pushesReceived()).as("the cut push and the one after the restart").isEqualTo(2);
    assertThat(run.statuses("git", "push")).last().isEqualTo("done");
    assertThat(run.statuses("forge.ensure", "")).containsExactly("started", "done");
  }

  @Test
  void aPushCutAfterTheUpstreamAppliedItIsReconciledWithoutASecondPush() throws Exception {
    LoopbackGitServer.Hold hold = upstream.holdNextPush(LoopbackGitServer.Stage.AFTER_APPLYING);
    ChildServer first = serve();
    String runId = startDelivery(first);
    hold.awaitReached(PATIENCE);
    first.kill(); // applied upstream, the answer never read: the step is journaled started
    assertThat(upstreamBranches()).as("the push reached the upstream").hasSize(2);

    Finished run = restartAndFinish(runId);

    assertOneBranchOnePullRequest(run);
    assertThat(run.result().path("push").path("status").asText())
        .as("the reconcile found the branch at the commit")
        .isEqualTo("UP_TO_DATE");
    assertThat(pushesReceived()).as("no second push").isEqualTo(1);
    assertThat(run.statuses("git", "push"))
        .as("reconciled: no second start of the step")
        .containsExactly("started", "done");
  }

  @Test
  void anEnsureCutAfterTheForgeCreatedThePullRequestOpensNoSecondOne() throws Exception {
    FakeForge.Hold hold = github.holdNextCreateAnswer();
    ChildServer first = serve();
    String runId = startDelivery(first);
    hold.awaitReached(PATIENCE);
    first.kill(); // created on the forge, the answer never read: the step is journaled started
    assertThat(github.pulls(REPO)).as("the forge has it").hasSize(1);

    Finished run = restartAndFinish(runId);

    assertOneBranchOnePullRequest(run);
    assertThat(pushesReceived()).as("the push was done before the cut").isEqualTo(1);
    assertThat(run.result().path("push").path("status").asText()).isEqualTo("CREATED");
    assertThat(run.statuses("forge.ensure", ""))
        .as("reconciled by listing the branch's open pull requests: no second start")
        .containsExactly("started", "done");
  }
}
