package dev.oncell.examples.pr;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.oncell.examples.localforge.LocalForge;
import dev.oncell.forge.testing.FakeForge;
import dev.oncell.runtime.Host;
import dev.oncell.runtime.PluginJars;
import dev.oncell.runtime.fixtures.TestHost;
import dev.oncell.server.OncellServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's "Git and pull requests" walk-through, step by step, through the real server (HTTP on
 * a loopback port, a real host, real sandboxes) and the local forge: deploy {@code pr-agent}, store
 * the forge's token for the customer, create the customer with its {@code repoUrl}, run {@code fix}
 * twice on one branch (one pull request, updated), {@code git clone} the cell's repository from the
 * server. The token must appear in no answer, event, log or file of the server's home.
 */
class GitWalkthroughTest {

  private static final String KEY = "walkthrough-operator-key-0123456789";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final byte[] AGENT = PluginJars.plugin("pr-agent", "1.0.0", PrAgent.class);

  @RegisterExtension final TestHost oncell = TestHost.create(c -> c.withEmbeddingModel("none"));
  @TempDir Path tmp;

  private final HttpClient http = HttpClient.newHttpClient();
  private final List<String> answers = new ArrayList<>();
  private OncellServer server;
  private LocalForge forge;

  @BeforeEach
  void start() {
    Host host = oncell.open();
    host.apiKeys().bootstrapOperatorKey(Optional.of(KEY));
    server = OncellServer.builder(host).port(0).build().start();
    forge = LocalForge.start(tmp.resolve("forge"));
    Reply deployed = call("POST", "/v1/deployments?env=production", AGENT);
    assertThat(deployed.status()).as(deployed.body()).isEqualTo(201);
  }

  @AfterEach
  void stop() {
    server.close();
    forge.close();
  }

  @Test
  void aNewcomerGetsOnePullRequestUpdatedByTwoRunsAndClonesTheBranch() throws Exception {
    // 1. the customer's token for the forge's host, then the customer with its repository
    Reply stored =
        put(
            "/v1/customers/acme/git/credentials",
            "{\"host\":\"127.0.0.1\",\"token\":\"" + forge.token() + "\"}");
    assertThat(stored.status()).as(stored.body()).isEqualTo(200);
    createAcme();

    // 2. a run that edits a file, commits, pushes a branch and opens a pull request
    Reply first = fix("Hello from the first run\n", "Explain the greeting");
    assertThat(first.json().path("status").asText()).as(first.body()).isEqualTo("succeeded");
    JsonNode one = first.json().path("result");
    assertThat(one.path("branch").asText()).isEqualTo("docs-greeting");
    assertThat(one.path("changed").asBoolean()).isTrue();
    assertThat(one.path("pullRequest").path("number").asLong()).isEqualTo(1);
    assertThat(forge.branchHead("docs-greeting")).contains(one.path("commit").asText());

    // 3. again on the same branch: a second commit, the same pull request, updated
    Reply second = fix("Hello from the second run\n", "Explain the greeting better");
    assertThat(second.json().path("status").asText()).as(second.body()).isEqualTo("succeeded");
    JsonNode two = second.json().path("result");
    assertThat(two.path("pullRequest").path("number").asLong()).isEqualTo(1);
    String commit = two.path("commit").asText();
    assertThat(commit).isNotEqualTo(one.path("commit").asText());
    assertThat(forge.branchHead("docs-greeting")).contains(commit);

    List<FakeForge.Pr> prs = forge.pullRequests();
    assertThat(prs).as("one pull request for the branch").hasSize(1);
    FakeForge.Pr pr = prs.getFirst();
    assertThat(pr.head).isEqualTo("docs-greeting");
    assertThat(pr.base).isEqualTo("main");
    assertThat(pr.title).isEqualTo("Explain the greeting better");
    assertThat(pr.body).contains("`docs/greeting.md`").contains(commit);
    assertThat(forge.apiCalls())
        .filteredOn(c -> c.method().equals("POST") && c.path().endsWith("/pulls"))
        .as("opened once")
        .hasSize(1);

    // the runs streamed their progress
    String events = get("/v1/runs/" + second.json().path("runId").asText() + "/events").body();
    assertThat(events).contains("event: progress").contains("\"step\":\"push\"");

    // git typed in the cell's shell: origin is the host's relay, no credential in sight
    Reply shell =
        post(
            "/v1/customers/acme/shell",
            JSON.createObjectNode()
                .put(
                    "command",
                    "git remote get-url origin && echo typed >> docs/greeting.md"
                        + " && git -c user.name=Me -c user.email=me@example.test"
                        + " commit -qam 'Typed in the shell' && git push -q origin docs-greeting"
                        + " && git rev-parse HEAD")
                .put("timeoutMs", 60000)
                .toString());
    assertThat(shell.json().path("exitCode").asInt()).as(shell.body()).isZero();
    List<String> lines = shell.json().path("stdout").asText().lines().toList();
    assertThat(lines.getFirst()).isEqualTo("http://git.oncell.internal/repo.git");
    commit = lines.getLast();
    assertThat(forge.branchHead("docs-greeting")).as("pushed through the relay").contains(commit);

    // 4. git clone of the cell's repository from the server, with the operator key
    String url =
        "http://agent:"
            + KEY
            + "@"
            + server.url().replace("http://", "")
            + "/v1/customers/acme/git/";
    Git clone = git(tmp, "clone", "-q", "-b", "docs-greeting", url, "acme");
    assertThat(clone.exit()).as(clone.output()).isZero();
    assertThat(tmp.resolve("acme/docs/greeting.md")).hasContent("Hello from the second run\ntyped");
    assertThat(git(tmp.resolve("acme"), "rev-parse", "HEAD").output().strip()).isEqualTo(commit);

    // 5. the token is in no answer, event and no file of the server's home (logs, journal, cell)
    assertThat(answers).noneMatch(a -> a.contains(forge.token()));
    assertThat(filesHolding(oncell.home(), forge.token())).isEmpty();
  }

  @Test
  void withoutABranchEachRunOpensAPullRequestOfItsOwn() {
    put(
        "/v1/customers/acme/git/credentials",
        "{\"host\":\"127.0.0.1\",\"token\":\"" + forge.token() + "\"}");
    createAcme();
    Reply first = run("{\"file\":\"a.txt\",\"text\":\"a\",\"title\":\"A\"}");
    Reply second = run("{\"file\":\"a.txt\",\"text\":\"b\",\"title\":\"B\"}");
    String branch = first.json().path("result").path("branch").asText();
    assertThat(branch).startsWith("oncell/pr-agent/");
    assertThat(second.json().path("result").path("branch").asText()).isNotEqualTo(branch);
    assertThat(forge.pullRequests()).extracting(p -> p.number).containsExactly(1L, 2L);
  }

  @Test
  void aFixWithoutATitleFailsClearlyAndPushesNothing() {
    put(
        "/v1/customers/acme/git/credentials",
        "{\"host\":\"127.0.0.1\",\"token\":\"" + forge.token() + "\"}");
    createAcme();
    int gitRequests = forge.gitRequests().size();
    Reply failed = run("{\"file\":\"a.txt\",\"text\":\"a\",\"branch\":\"x\"}");
    assertThat(failed.json().path("status").asText()).isEqualTo("failed");
    assertThat(failed.json().path("error").path("message").asText()).contains("needs a title");
    assertThat(forge.gitRequests()).hasSize(gitRequests);
    assertThat(forge.branchHead("x")).isEmpty();
    assertThat(forge.pullRequests()).isEmpty();
  }

  @Test
  void aCustomerWithoutTheTokenFailsItsSetupWithGitAuthFailed() {
    Reply made = post("/v1/customers?wait=true", customerJson());
    assertThat(made.status()).as(made.body()).isEqualTo(201);
    assertThat(made.json().path("state").asText()).isEqualTo("FAILED");
    assertThat(made.json().path("error").toString()).contains("git_auth_failed");
  }

  private void createAcme() {
    Reply made = post("/v1/customers?wait=true", customerJson());
    assertThat(made.status()).as(made.body()).isEqualTo(201);
    assertThat(made.json().path("state").asText()).as(made.body()).isEqualTo("ACTIVE");
  }

  private String customerJson() {
    ObjectNode body = JSON.createObjectNode().put("id", "acme").put("agent", "pr-agent");
    ObjectNode config = body.putObject("config").put("repoUrl", forge.repoUrl());
    config.putObject("forge").put("kind", "github").put("apiBase", forge.apiBase());
    return body.toString();
  }

  private Reply fix(String text, String title) {
    return run(
        JSON.createObjectNode()
            .put("file", "docs/greeting.md")
            .put("text", text)
            .put("title", title)
            .put("branch", "docs-greeting")
            .toString());
  }

  private Reply run(String input) {
    Reply reply = post("/v1/agents/fix", "{\"customer\":\"acme\",\"input\":" + input + "}");
    assertThat(reply.status()).as(reply.body()).isEqualTo(200);
    return reply;
  }

  private static List<Path> filesHolding(Path root, String secret) throws IOException {
    byte[] needle = secret.getBytes(StandardCharsets.UTF_8);
    try (Stream<Path> files = Files.walk(root)) {
      return files.filter(Files::isRegularFile).filter(f -> contains(read(f), needle)).toList();
    }
  }

  private static byte[] read(Path file) {
    try {
      return Files.readAllBytes(file);
    } catch (IOException e) {
      return new byte[0]; // a socket or a file gone meanwhile
    }
  }

  private static boolean contains(byte[] hay, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= hay.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (hay[i + j] != needle[j]) {
          continue outer;
        }
      }
      return true;
    }
    return false;
  }

  record Reply(int status, String body) {
    JsonNode json() {
      try {
        return JSON.readTree(body);
      } catch (IOException e) {
        throw new AssertionError("not JSON: " + body, e);
      }
    }
  }

  private Reply get(String path) {
    return call("GET", path, null);
  }

  private Reply post(String path, String json) {
    return call("POST", path, json.getBytes(StandardCharsets.UTF_8));
  }

  private Reply put(String path, String json) {
    return call("PUT", path, json.getBytes(StandardCharsets.UTF_8));
  }

  private Reply call(String method, String path, byte[] body) {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(server.url() + path))
            .header("Authorization", "Bearer " + KEY)
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofByteArray(body))
            .build();
    try {
      HttpResponse<String> response =
          http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
      answers.add(response.body());
      return new Reply(response.statusCode(), response.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  record Git(int exit, String output) {}

  private Git git(Path dir, String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of("git"));
    command.addAll(List.of(args));
    ProcessBuilder pb =
        new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
    Map<String, String> env = pb.environment();
    env.put("HOME", tmp.toString());
    env.put("GIT_CONFIG_NOSYSTEM", "1");
    env.put("GIT_TERMINAL_PROMPT", "0");
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    return new Git(p.waitFor(), out);
  }
}
