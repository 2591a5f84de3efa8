package dev.oncell.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.oncell.client.CreateCustomer;
import dev.oncell.client.OncellClient;
import dev.oncell.client.RunResult;
import dev.oncell.forge.testing.FakeGitHub;
import dev.oncell.git.testing.LoopbackGitServer;
import dev.oncell.git.testing.Repos;
import dev.oncell.llm.testing.StandIn;
import dev.oncell.llm.testing.Wire;
import dev.oncell.runtime.PluginJars;
import dev.oncell.runtime.fixtures.TestHost;
import dev.oncell.runtime.testagents.PullRequestAgent;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.eclipse.jgit.lib.Repository;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A customer's git token, stored through the API, does its work on the host (a clone, a push and a
 * pull request through the real server, as a child JVM) and is found nowhere else: not in what a
 * scripted model was sent (the agent hands it everything it saw: its results, the cell's git
 * configuration, remotes and environment), not in any API answer, run event or journal, not in the
 * server's log or any file of its home (the cell's work tree, {@code .git/config}, the host's
 * mirror, the cell's log), and not in the sandbox's environment.
 */
class GitCredentialLeakTest {

  private static final String KEY = "git-leak-operator-key";
  private static final String TOKEN = "ghp_leakT0kenNeverSeen9876543210";
  private static final String LLM_KEY = "sk-leak-test-model-key-4Xy7";
  private static final String REPO = "acme/shop";
  private static final ObjectMapper JSON = new ObjectMapper();

  /** The child server's ONCELL_HOME; no host opens on it in this JVM. */
  @RegisterExtension final TestHost oncell = TestHost.create();

  @TempDir Path tmp;
  private final StandIn openai = StandIn.start();
  private LoopbackGitServer remote;
  private FakeGitHub github;
  private ChildServer server;

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
    }
    if (remote != null) {
      remote.close();
    }
    if (github != null) {
      github.close();
    }
    openai.close();
  }

  /** The password of a {@code Basic} authorization header. */
  private static String basicPassword(Optional<String> header) {
    String decoded =
        new String(
            Base64.getDecoder().decode(header.orElseThrow().substring("Basic ".length())),
            StandardCharsets.UTF_8);
    return decoded.substring(decoded.indexOf(':') + 1);
  }

  private HttpResponse<String> api(String method, String path, String body) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(server.url() + path))
            .header("Authorization", "Bearer " + KEY)
            .header("Content-Type", "application/json");
    request.method(
        method,
        body == null
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(body));
    return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void theTokenDoesItsWorkOnTheHostAndIsFoundNowhereElse() throws Exception {
    remote = LoopbackGitServer.start(tmp.resolve("remote"), TOKEN);
    try (Repository repo = remote.create(REPO)) {
      Repos.commit(repo, "main", Map.of("README.md", "hello\n"), "first");
    }
    github = FakeGitHub.start();
    github.repo(REPO).token(TOKEN, true);
    remote.withApi(github.handler());
    Path home = oncell.home();
    Files.writeString(
        home.resolve("oncell.yaml"),
        """
        llm:
          timeout: 10s
          providers:
            openai: { api_key: $OPENAI_API_KEY, model: gpt-4o, base_url: %s }
        """
            .formatted(openai.v1()));
    openai.then(Wire.openAiText("gpt-4o", "Fixes the basket total.", 300, 20));
    server =
        ChildServer.start(
            home,
            tmp.resolve("user"),
            Map.of("ONCELL_API_KEY", KEY, "ONCELL_EMBEDDING_MODEL", "none"));

    List<String> answers = new ArrayList<>();
    HttpResponse<String> stored =
        api(
            "PUT",
            "/v1/customers/acme/git/credentials",
            JSON.createObjectNode().put("host", remote.host()).put("token", TOKEN).toString());
    assertThat(stored.statusCode()).as(stored.body()).isEqualTo(200);
    answers.add(stored.body());
    RunResult run;
    try (OncellClient client = OncellClient.create(URI.create(server.url()), KEY)) {
      client.secrets().set("OPENAI_API_KEY", LLM_KEY);
      client
          .deployments()
          .deploy(
              PluginJars.plugin("pull-request-plugin", "1.0.0", PullRequestAgent.class),
              "production",
              Optional.of("bubblewrap"));
      ObjectNode config = JSON.createObjectNode();
      config.put("repoUrl", remote.url(REPO).toString());
      config.putObject("forge").put("kind", "github").put("apiBase", remote.baseUrl());
      client
          .customers()
          .create(
              CreateCustomer.of("acme")
                  .withAgent("pull-request")
                  .withConfig(config)
                  .withWaitForSetup(true));
      run =
          client
              .agents()
              .call(
                  "deliverAndAsk",
                  "acme",
                  JSON.createObjectNode()
                      .put("file", "fix.txt")
                      .put("text", "fixed\n")
                      .put("message", "Fix the basket total")
                      .put("base", "main")
                      .put("title", "Fix the basket"));
      assertThat(run.status()).as("%s", run.error()).isEqualTo("succeeded");
      JsonNode delivered = run.result().orElseThrow().path("delivered");
      String branch = delivered.path("branch").asText();

      // The token did its work, on the host: the clone and push, and the pull request.
      try (Repository repo = remote.open(REPO)) {
        assertThat(Repos.head(repo, branch)).contains(delivered.path("commit").asText());
      }
      assertThat(remote.requests())
          .as("the host pushed with the token")
          .filteredOn(r -> r.path().endsWith("/git-receive-pack"))
          .isNotEmpty()
          .allSatisfy(r -> assertThat(basicPassword(r.authorization())).isEqualTo(TOKEN));
      assertThat(github.pulls(REPO)).hasSize(1);
      assertThat(github.calls("POST", "/pulls").getFirst().header("Authorization"))
          .contains("Bearer " + TOKEN);

      // The model saw everything the run saw (which proves the prompt carried it), but no token.
      assertThat(openai.count()).isEqualTo(1);
      String sentToModel = openai.last().body() + openai.last().headers();
      assertThat(sentToModel)
          .as("the prompt carried the run's results and the cell's git setup")
          .contains(branch)
          .contains("git.oncell.internal")
          .contains("Fix the basket");
      assertThat(sentToModel).as("model request").doesNotContain(TOKEN);

      // API answers, run events, the journal.
      answers.add(run.result().orElseThrow().toString());
      for (String path :
          List.of(
              "/v1/customers",
              "/v1/customers/acme",
              "/v1/customers/acme/git/credentials",
              "/v1/runs?customer=acme",
              "/v1/runs/" + run.runId(),
              "/v1/runs/" + run.runId() + "/journal",
              "/v1/customers/acme/files/.git/config",
              "/v1/customers/acme/git/info/refs?service=git-upload-pack")) {
        HttpResponse<String> answer = api("GET", path, null);
        assertThat(answer.statusCode()).as("%s: %s", path, answer.body()).isLessThan(300);
        answers.add(path + " -> " + answer.body());
      }
      for (var r : client.runs().list("acme")) {
        client.runs().events(r.runId(), 0, e -> answers.add(e.type() + " " + e.data()));
      }
      assertThat(String.join("\n", answers)).contains("\"kind\":\"git\"").contains("forge.ensure");
      assertThat(String.join("\n", answers))
          .as("API answers, run events, journals")
          .doesNotContain(TOKEN);

      // The sandbox: its environment, its git configuration, every file it can read under /work.
      String inside =
          client
              .shell(
                  "acme",
                  "env; cat /proc/self/environ; git config --list --show-origin;"
                      + " git remote -v; cat .git/config")
              .stdout();
      assertThat(inside).contains("git.oncell.internal");
      assertThat(inside).as("inside the sandbox").doesNotContain(TOKEN);
    }

    server.close(); // a clean stop, which also stops the cell's sandbox
    assertThat(String.join("\n", server.output())).as("server log").doesNotContain(TOKEN);
    for (Path root : List.of(home, tmp.resolve("user"))) {
      if (!Files.exists(root)) {
        continue;
      }
      try (Stream<Path> files = Files.walk(root)) {
        for (Path f : files.filter(Files::isRegularFile).toList()) {
          assertThat(new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1))
              .as("file %s", f)
              .doesNotContain(TOKEN);
        }
      }
    }
  }
}
