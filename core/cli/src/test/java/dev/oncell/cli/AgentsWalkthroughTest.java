package dev.oncell.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.oncell.examples.localforge.LocalForge;
import dev.oncell.forge.testing.FakeForge;
import dev.oncell.llm.testing.StandIn;
import dev.oncell.llm.testing.Wire;
import dev.oncell.plugins.coding.CodingAgent;
import dev.oncell.plugins.review.ReviewAgent;
import dev.oncell.runtime.CellDefaults;
import dev.oncell.runtime.fixtures.TestHost;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's "The coding and review agents" walk-through, command by command, through the CLI
 * against a real server, real sandboxes and the local forge, with a model on loopback that speaks
 * OpenAI's wire format: deploy both shipped plugins, {@code task} ends in a pull request whose
 * tests pass in the cell, {@code review} of that pull request posts inline comments on the right
 * lines, and after another push ({@code revise}) a second review looks only at what changed.
 */
class AgentsWalkthroughTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String HOOK_SECRET = "walkthrough-hook-secret-0123456789";

  @RegisterExtension
  final TestHost oncell =
      TestHost.create(
          c ->
              c.withEmbeddingModel("none")
                  // `oncell serve --egress-allow 127.0.0.1`: the local forge's address
                  .withCells(CellDefaults.defaults().withEgressAllow(List.of("127.0.0.1"))));

  @TempDir Path tmp;

  private final StandIn model = StandIn.start();
  private LocalForge forge;
  private LiveCli cli;

  @BeforeEach
  void start() throws IOException {
    Files.writeString(
        oncell.home().resolve("oncell.yaml"),
        """
        llm:
          default: openai
          max_retries: 0
          providers:
            openai: { api_key: sk-walkthrough-0000, model: gpt-4o, base_url: %s }
        """
            .formatted(model.v1()));
    forge = LocalForge.start(tmp.resolve("forge"));
    cli = new LiveCli(oncell, tmp.resolve("user"));
  }

  @AfterEach
  void stop() {
    cli.close();
    forge.close();
    model.close();
  }

  @Test
  void aTaskEndsInAPullRequestThatIsReviewedInlineAndThenOnlyForItsNewChanges() throws Exception {
    // deploy both plugins
    for (Path jar :
        List.of(
            jar("coding.jar", ShippedPlugins.jar(CodingAgent.class, "coding")),
            jar("review.jar", ShippedPlugins.jar(ReviewAgent.class, "review")))) {
      ok(cli.oncell("deploy", "--env", "production", jar.toString()));
    }

    // the forge's token for both customers, then the customers with their repository
    String config =
        JSON.writeValueAsString(
            Map.of(
                "repoUrl",
                forge.repoUrl(),
                "forge",
                Map.of("kind", "github", "apiBase", forge.apiBase())));
    for (String customer : List.of("acme", "acme-review")) {
      ok(
          cli.withStdin(
              forge.token() + "\n",
              "git",
              "credentials",
              "set",
              "--customer",
              customer,
              "--host",
              "127.0.0.1"));
    }
    ok(
        cli.oncell(
            "customers", "create", "acme", "--agent", "coding", "--wait", "--config", config));
    ok(
        cli.oncell(
            "customers",
            "create",
            "acme-review",
            "--agent",
            "review",
            "--wait",
            "--config",
            config));

    // 1. task: a plan, an edit, the tests pass in the cell, one pull request
    model.then(
        answer(
            Map.of(
                "title",
                "Add farewell()",
                "summary",
                "A farewell to go with the greeting, tested.",
                "steps",
                List.of("add farewell", "test it"),
                "files",
                List.of("src/greeting.py", "tests/test_greeting.py"))),
        answer(
            block(
                    "src/greeting.py",
                    "    return 'Hello, ' + name\n",
                    "    return 'Hello, ' + name\n\n\ndef farewell(name):\n"
                        + "    return 'Goodbye, ' + name\n")
                + block(
                    "tests/test_greeting.py",
                    "from src.greeting import greeting\n",
                    "from src.greeting import farewell, greeting\n")
                + block(
                    "tests/test_greeting.py",
                    "        self.assertEqual(greeting('oncell'), 'Hello, oncell')\n",
                    "        self.assertEqual(greeting('oncell'), 'Hello, oncell')\n\n"
                        + "    def test_farewell(self):\n"
                        + "        self.assertEqual(farewell('oncell'), 'Goodbye, oncell')\n")));
    LiveCli.Run stream =
        cli.oncell(
            "stream",
            "task",
            "--customer",
            "acme",
            "--input",
            "{\"instruction\":\"Add a farewell(name) function next to greeting, with a test\"}");
    ok(stream);
    assertThat(stream.out())
        .contains("planned: Add farewell()")
        .contains("editing src/greeting.py")
        .contains("running python3 -m unittest discover -v: passed");
    List<FakeForge.Pr> pulls = forge.pullRequests();
    assertThat(pulls).as("one pull request").hasSize(1);
    FakeForge.Pr pr = pulls.getFirst();
    assertThat(pr.title).isEqualTo("Add farewell()");
    assertThat(pr.body).contains("src/greeting.py").contains("passed");
    assertThat(forge.branchHead(pr.head)).as("the branch is pushed").isPresent();

    // 2. review of that pull request: an inline comment on the line the model named
    model.then(
        answer(
            Map.of(
                "findings",
                List.of(finding(6, "MINOR", "STYLE", "Use an f-string for the farewell")))));
    JsonNode first =
        result(
            cli.oncell(
                "run", "review", "--customer", "acme-review", "--input", "{\"pullRequest\":1}"));
    assertThat(first.path("incremental").asBoolean()).isFalse();
    assertThat(pr.reviewComments).as("one inline comment").hasSize(1);
    JsonNode inline = pr.reviewComments.getFirst();
    assertThat(inline.path("path").asText()).isEqualTo("src/greeting.py");
    assertThat(inline.path("line").asInt()).isEqualTo(6);
    assertThat(inline.path("commit_id").asText()).isEqualTo(first.path("head").asText());
    assertThat(inline.path("body").asText()).contains("Use an f-string for the farewell");
    assertThat(pr.comments).as("one summary").hasSize(1);
    assertThat(pr.verdicts).containsExactly("APPROVE");

    // 3. another push to the pull request: the coding agent revises it as asked
    model.then(
        answer(
            block(
                "src/greeting.py",
                "    return 'Goodbye, ' + name\n",
                "    return f'Goodbye, {name}'\n")));
    JsonNode revised =
        result(
            cli.oncell(
                "run",
                "revise",
                "--customer",
                "acme",
                "--input",
                "{\"pullRequest\":1,\"feedback\":\"Use an f-string in farewell\"}"));
    assertThat(revised.path("status").asText()).as("%s", revised).isEqualTo("succeeded");
    assertThat(forge.pullRequests()).as("still one pull request").hasSize(1);

    // 4. the second review, started as a real forge would start it: GitHub's signed
    // pull_request "synchronize" delivery; it looks only at what changed since the first
    ok(
        cli.withStdin(
            HOOK_SECRET + "\n",
            "webhooks",
            "set",
            "--customer",
            "acme-review",
            "--forge",
            "github",
            "--method",
            "review"));
    model.then(
        answer(
            Map.of(
                "findings", List.of(finding(6, "INFO", "TESTS", "An empty name is not tested")))));
    JsonNode second = reviewFromWebhook(pr);
    assertThat(second.path("incremental").asBoolean()).isTrue();
    assertThat(second.path("since").asText()).isEqualTo(first.path("head").asText());
    assertThat(second.path("head").asText()).isEqualTo(revised.path("commit").asText());
    String prompt = model.last().json().path("messages").get(1).path("content").asText();
    String changes =
        prompt.substring(
            prompt.indexOf("Changes to review:"), prompt.indexOf("Related code in the repository"));
    assertThat(changes)
        .as("the second review's diff holds the new change only")
        .contains("### src/greeting.py")
        .contains("R6 +     return f'Goodbye, {name}'")
        .doesNotContain("tests/test_greeting.py")
        .doesNotContain("+     return 'Goodbye, ' + name");
    assertThat(second.path("resolved").toString()).contains("Use an f-string for the farewell");
    assertThat(pr.reviewComments).as("the new finding only").hasSize(2);
    assertThat(pr.reviewComments.getLast().path("body").asText())
        .contains("An empty name is not tested");
    assertThat(pr.comments).as("the summary and the revision's answer").hasSize(2);
    assertThat(pr.editedComments)
        .as("the summary, edited in place")
        .containsExactly(pr.commentIds.getFirst());
    assertThat(pr.comments.getFirst().path("body").asText())
        .contains("Resolved")
        .contains("Use an f-string for the farewell");
    assertThat(pr.comments.getLast().path("body").asText())
        .startsWith("Addressed in " + revised.path("commit").asText());
    assertThat(model.count()).as("plan, edit, review, revision, review").isEqualTo(5);
  }

  /**
   * Delivers GitHub's {@code pull_request} {@code synchronize} event for {@code pr} to the server,
   * signed with the hook's secret, and waits for the review run it starts.
   */
  private JsonNode reviewFromWebhook(FakeForge.Pr pr) throws Exception {
    ObjectNode payload = JSON.createObjectNode().put("action", "synchronize").put("number", 1);
    ObjectNode pull = payload.putObject("pull_request").put("number", 1).put("state", "open");
    pull.putObject("head").put("ref", pr.head).put("sha", forge.branchHead(pr.head).orElseThrow());
    pull.putObject("base").put("ref", "main").put("sha", forge.branchHead("main").orElseThrow());
    payload.putObject("repository").put("clone_url", forge.repoUrl());
    byte[] body = JSON.writeValueAsBytes(payload);
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(HOOK_SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    HttpResponse<String> delivered =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(
                        URI.create(cli.server.url() + "/v1/webhooks/github?customer=acme-review"))
                    .header("Content-Type", "application/json")
                    .header("X-GitHub-Event", "pull_request")
                    .header("X-GitHub-Delivery", "walkthrough-delivery-1")
                    .header(
                        "X-Hub-Signature-256",
                        "sha256=" + HexFormat.of().formatHex(mac.doFinal(body)))
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(delivered.statusCode()).as(delivered.body()).isEqualTo(202);
    String runId = JSON.readTree(delivered.body()).path("runs").get(0).path("runId").asText();
    long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
    JsonNode run;
    while ((run = result(cli.oncell("runs", "get", runId, "--json")))
        .path("status")
        .asText()
        .equals("running")) {
      assertThat(System.nanoTime()).as("run %s finishes", runId).isLessThan(deadline);
      Thread.sleep(100);
    }
    assertThat(run.path("status").asText()).as("%s", run).isEqualTo("succeeded");
    assertThat(run.path("method").asText()).isEqualTo("review");
    return run.path("result");
  }

  private Path jar(String name, byte[] bytes) throws IOException {
    return Files.write(tmp.resolve(name), bytes);
  }

  private static void ok(LiveCli.Run run) {
    assertThat(run.exitCode()).as("%s", run).isZero();
  }

  private static JsonNode result(LiveCli.Run run) throws IOException {
    ok(run);
    return JSON.readTree(run.out());
  }

  private static StandIn.Reply answer(Object structured) throws IOException {
    return answer(JSON.writeValueAsString(structured));
  }

  private static StandIn.Reply answer(String text) {
    return Wire.openAiText("gpt-4o", text, 200, 50);
  }

  private static String block(String path, String search, String replace) {
    return path + "\n<<<<<<< SEARCH\n" + search + "=======\n" + replace + ">>>>>>> REPLACE\n";
  }

  private static Map<String, Object> finding(
      int line, String severity, String category, String title) {
    Map<String, Object> f = new LinkedHashMap<>();
    f.put("file", "src/greeting.py");
    f.put("line", line);
    f.put("side", "RIGHT");
    f.put("severity", severity);
    f.put("category", category);
    f.put("title", title);
    f.put("body", "Explained: " + title + ".");
    return f;
  }
}
