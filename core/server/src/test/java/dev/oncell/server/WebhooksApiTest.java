package dev.oncell.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import dev.oncell.runtime.PluginJars;
import dev.oncell.runtime.fixtures.TestHost;
import dev.oncell.runtime.testagents.EchoAgent;
import dev.oncell.runtime.testagents.InputAgent;
import dev.oncell.server.RunningServer.Reply;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;
import java.util.stream.Stream;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Forge webhooks through the real server: settings (operator keys only, every bad input refused
 * with nothing stored), and deliveries signed in the test the way GitHub, GitLab and Gitea sign
 * them, with payloads shaped like theirs, starting the {@code input} test agent's {@code json}
 * method, which answers with the input it got.
 */
class WebhooksApiTest {

  private static final String ACME_SECRET = "acme-webhook-secret-0123456789";
  private static final String GLOBEX_SECRET = "globex-webhook-secret-9876543210";
  private static final String REPO = "https://GitHub.com/acme/app.git";
  private static final String HEAD = "a".repeat(40);
  private static final String BASE = "b".repeat(40);

  @RegisterExtension final TestHost oncell = TestHost.create(c -> c.withEmbeddingModel("none"));
  private RunningServer api;
  private final HttpClient http = HttpClient.newHttpClient();
  private final List<String> logs = new ArrayList<>();
  private final Handler capture =
      new Handler() {
        @Override
        public void publish(LogRecord record) {
          synchronized (logs) {
            logs.add(new SimpleFormatter().format(record));
          }
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
      };

  @BeforeEach
  void start() {
    Logger.getLogger("").addHandler(capture);
    api = new RunningServer(oncell);
    assertThat(
            api.call(
                    "POST",
                    "/v1/deployments?env=production",
                    PluginJars.plugin("input-plugin", "1.0.0", InputAgent.class),
                    RunningServer.KEY)
                .status())
        .isEqualTo(201);
    createCustomer("acme", REPO);
    createCustomer("globex", "git@github.com:acme/app");
    createCustomer("initech", "https://gitlab.example.com/initech/api");
  }

  @AfterEach
  void stop() {
    api.close();
    Logger.getLogger("").removeHandler(capture);
  }

  private void createCustomer(String id, String repoUrl) {
    Reply created =
        api.post(
            "/v1/customers?wait=true",
            "{\"id\":\""
                + id
                + "\",\"agent\":\"input\",\"config\":{\"repoUrl\":\""
                + repoUrl
                + "\"}}");
    assertThat(created.status()).as(created.body()).isEqualTo(201);
  }

  private Reply setHook(String customer, String forge, String secret, String method) {
    return api.put(
        "/v1/customers/" + customer + "/webhooks/" + forge,
        "{\"secret\":\""
            + secret
            + "\",\"on\":{\"pull_request\":{\"method\":\""
            + method
            + "\"}}}");
  }

  private Reply deliver(String path, byte[] body, Map<String, String> headers) throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(api.server.url() + path))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    headers.forEach(b::header);
    HttpResponse<byte[]> r = http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    return new Reply(r.statusCode(), new String(r.body(), StandardCharsets.UTF_8), r);
  }

  static String hmac(String secret, byte[] body) throws Exception {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    return HexFormat.of().formatHex(mac.doFinal(body));
  }

  /** A GitHub pull_request payload (the fields oncell reads, and some it does not). */
  static byte[] githubPullRequest(String action, String cloneUrl) {
    return ("{\"action\":\""
            + action
            + "\",\"number\":42,"
            + "\"pull_request\":{\"number\":42,\"state\":\"open\",\"title\":\"Add a feature\","
            + "\"head\":{\"ref\":\"feature\",\"sha\":\""
            + HEAD
            + "\",\"label\":\"acme:feature\"},"
            + "\"base\":{\"ref\":\"main\",\"sha\":\""
            + BASE
            + "\"}},"
            + "\"repository\":{\"full_name\":\"acme/app\",\"html_url\":\"https://github.com/acme/app\","
            + "\"clone_url\":\""
            + cloneUrl
            + "\"},\"sender\":{\"login\":\"octocat\"}}")
        .getBytes(StandardCharsets.UTF_8);
  }

  private Reply github(String path, String event, String delivery, byte[] body, String secret)
      throws Exception {
    return deliver(
        path,
        body,
        Map.of(
            "X-GitHub-Event", event,
            "X-GitHub-Delivery", delivery,
            "X-Hub-Signature-256", "sha256=" + hmac(secret, body)));
  }

  /** The customer's runs of the {@code json} method (its setup run is not one). */
  private long runsOf(String customer) {
    long n = 0;
    for (JsonNode run : api.get("/v1/runs?customer=" + customer).json().get("runs")) {
      n += run.get("method").asText().equals("json") ? 1 : 0;
    }
    return n;
  }

  private JsonNode inputOf(String runId) throws IOException {
    String output = api.host.runs().await(runId).result().orElseThrow().asText();
    assertThat(output).as("the json method got an object").startsWith("OBJECT ");
    return RunningServer.JSON.readTree(output.substring("OBJECT ".length()));
  }

  @Test
  void settingsAreSetShownWithAHintAndDeleted() {
    Reply set = setHook("acme", "github", ACME_SECRET, "json");
    assertThat(set.status()).as(set.body()).isEqualTo(200);
    assertThat(set.json().get("secretHint").asText()).isEqualTo("****6789");
    assertThat(set.json().path("on").path("pull_request").path("method").asText())
        .isEqualTo("json");
    Reply got = api.get("/v1/customers/acme/webhooks/github");
    assertThat(got.status()).isEqualTo(200);
    assertThat(got.json().get("forge").asText()).isEqualTo("github");
    assertThat(got.body()).doesNotContain(ACME_SECRET);
    assertThat(
            api.put(
                    "/v1/customers/acme/webhooks/gitea",
                    "{\"secret\":\"short\",\"on\":{\"push\":{\"method\":\"none\"},"
                        + "\"pull_request\":{\"method\":\"json\"}}}")
                .status())
        .isEqualTo(200);
    Reply list = api.get("/v1/customers/acme/webhooks");
    assertThat(list.json().get("webhooks")).hasSize(2);
    assertThat(list.json().get("webhooks").get(0).get("forge").asText()).isEqualTo("gitea");
    assertThat(list.json().get("webhooks").get(0).get("secretHint").asText()).isEqualTo("****");
    assertThat(list.body()).doesNotContain(ACME_SECRET).doesNotContain("short");

    assertThat(api.delete("/v1/customers/acme/webhooks/gitea").status()).isEqualTo(204);
    Reply again = api.delete("/v1/customers/acme/webhooks/gitea");
    assertThat(again.status()).isEqualTo(404);
    assertThat(again.errorCode()).isEqualTo("webhook_not_found");
    assertThat(api.get("/v1/customers/acme/webhooks").json().get("webhooks")).hasSize(1);
  }

  @Test
  void everyBadSettingIsAClearErrorAndStoresNothing() {
    assertThat(setHook("acme", "github", ACME_SECRET, "json").status()).isEqualTo(200);
    String before = api.get("/v1/customers/acme/webhooks").body();
    String[][] cases = {
      // path forge, body, status, code
      {
        "bitbucket",
        "{\"secret\":\"s\",\"on\":{\"pull_request\":{\"method\":\"json\"}}}",
        "404",
        "unknown_forge"
      },
      {
        "github",
        "{\"secret\":\"\",\"on\":{\"pull_request\":{\"method\":\"json\"}}}",
        "400",
        "invalid_webhook_secret"
      },
      {
        "github",
        "{\"secret\":\""
            + "x".repeat(1025)
            + "\",\"on\":{\"pull_request\":{\"method\":"
            + "\"json\"}}}",
        "400",
        "invalid_webhook_secret"
      },
      {
        "github",
        "{\"secret\":\"a\\nb\",\"on\":{\"pull_request\":{\"method\":\"json\"}}}",
        "400",
        "invalid_webhook_secret"
      },
      {"github", "{\"on\":{\"pull_request\":{\"method\":\"json\"}}}", "400", "invalid_request"},
      {
        "github",
        "{\"secret\":\"s\",\"on\":{\"issues\":{\"method\":\"json\"}}}",
        "400",
        "unknown_webhook_event"
      },
      {"github", "{\"secret\":\"s\",\"on\":{}}", "400", "unknown_webhook_event"},
      {"github", "{\"secret\":\"s\"}", "400", "invalid_request"},
      {"github", "{\"secret\":\"s\",\"on\":{\"pull_request\":\"json\"}}", "400", "invalid_request"},
      {
        "github",
        "{\"secret\":\"s\",\"on\":{\"pull_request\":{\"method\":\"json\",\"x\":1}}}",
        "400",
        "invalid_request"
      },
      {
        "github",
        "{\"secret\":\"s\",\"on\":{\"pull_request\":{\"method\":\"review\"}}}",
        "400",
        "unknown_method"
      },
      {
        "github",
        "{\"secret\":\"s\",\"on\":{\"pull_request\":{\"method\":\"rm -rf\"}}}",
        "400",
        "invalid_webhook_method"
      },
      {
        "github",
        "{\"secret\":\"s\",\"on\":{\"pull_request\":{\"method\":\"setup\"}}}",
        "400",
        "invalid_webhook_method"
      },
      {
        "github",
        "{\"secret\":\"s\",\"on\":{\"pull_request\":{\"method\":\"json\"}},\"x\":1}",
        "400",
        "invalid_request"
      },
      {"github", "not json", "400", "malformed_json"},
    };
    for (String[] c : cases) {
      Reply r = api.put("/v1/customers/acme/webhooks/" + c[0], c[1]);
      assertThat(r.status()).as("%s -> %s", c[1], r.body()).isEqualTo(Integer.parseInt(c[2]));
      assertThat(r.errorCode()).as(c[1]).isEqualTo(c[3]);
      assertThat(r.json().path("error").path("message").asText()).isNotBlank();
    }
    Reply unknown = setHook("nobody", "github", ACME_SECRET, "json");
    assertThat(unknown.status()).isEqualTo(404);
    assertThat(api.post("/v1/customers", "{\"id\":\"plain\"}").status()).isEqualTo(201);
    Reply noAgent = setHook("plain", "github", ACME_SECRET, "json");
    assertThat(noAgent.status()).as(noAgent.body()).isEqualTo(400);
    assertThat(noAgent.errorCode()).isEqualTo("no_agent");
    assertThat(api.get("/v1/customers/plain/webhooks").json().get("webhooks")).isEmpty();
    assertThat(api.get("/v1/customers/acme/webhooks").body())
        .as("no bad input changed the settings")
        .isEqualTo(before);

    String token = api.host.apiKeys().issueCustomerToken("acme", "editor");
    for (String[] call :
        new String[][] {
          {"GET", "/v1/customers/acme/webhooks"},
          {"GET", "/v1/customers/acme/webhooks/github"},
          {"PUT", "/v1/customers/acme/webhooks/github"},
          {"DELETE", "/v1/customers/acme/webhooks/github"},
          {"GET", "/v1/customers/acme/%77ebhooks/github"},
        }) {
      byte[] body =
          call[0].equals("PUT")
              ? "{\"secret\":\"mine\",\"on\":{\"push\":{\"method\":\"json\"}}}"
                  .getBytes(StandardCharsets.UTF_8)
              : null;
      Reply r = api.call(call[0], call[1], body, token);
      assertThat(r.status())
          .as("customer key on %s %s: %s", call[0], call[1], r.body())
          .isIn(403, 404);
      assertThat(r.body()).doesNotContain(ACME_SECRET);
    }
    assertThat(api.get("/v1/customers/acme/webhooks").body()).isEqualTo(before);
  }

  @Test
  void aNewCustomerWithTheSameIdInheritsNoWebhook() throws Exception {
    assertThat(setHook("acme", "github", ACME_SECRET, "json").status()).isEqualTo(200);
    assertThat(api.delete("/v1/customers/acme").status()).isEqualTo(204);
    createCustomer("acme", REPO);
    assertThat(api.get("/v1/customers/acme/webhooks").json().get("webhooks")).isEmpty();
    Reply r =
        github(
            "/v1/webhooks/github",
            "pull_request",
            "d-inherit",
            githubPullRequest("opened", REPO),
            ACME_SECRET);
    assertThat(r.status()).as(r.body()).isEqualTo(401);
    assertThat(runsOf("acme")).isZero();
  }

  @Test
  void aGithubPullRequestStartsTheMethodOnceEvenWhenRedelivered() throws Exception {
    assertThat(setHook("acme", "github", ACME_SECRET, "json").status()).isEqualTo(200);
    long before = runsOf("acme");
    byte[] body = githubPullRequest("opened", "https://github.com/acme/app.git");
    Reply first = github("/v1/webhooks/github", "pull_request", "delivery-1", body, ACME_SECRET);
    assertThat(first.status()).as(first.body()).isEqualTo(202);
    JsonNode runs = first.json().get("runs");
    assertThat(runs).hasSize(1);
    assertThat(runs.get(0).get("customerId").asText()).isEqualTo("acme");
    String runId = runs.get(0).get("runId").asText();
    JsonNode input = inputOf(runId);
    assertThat(input.get("event").asText()).isEqualTo("pull_request");
    assertThat(input.get("action").asText()).isEqualTo("opened");
    assertThat(input.get("pullRequest").asInt()).isEqualTo(42);
    assertThat(input.get("headSha").asText()).isEqualTo(HEAD);
    assertThat(input.get("baseSha").asText()).isEqualTo(BASE);
    assertThat(input.get("headBranch").asText()).isEqualTo("feature");
    assertThat(input.get("baseBranch").asText()).isEqualTo("main");
    assertThat(input.get("repoUrl").asText()).isEqualTo("https://github.com/acme/app.git");

    Reply again = github("/v1/webhooks/github", "pull_request", "delivery-1", body, ACME_SECRET);
    assertThat(again.status()).as(again.body()).isEqualTo(202);
    assertThat(again.json().get("runs").get(0).get("runId").asText())
        .as("a redelivery answers the first delivery's run")
        .isEqualTo(runId);
    assertThat(runsOf("acme")).as("a redelivery starts nothing").isEqualTo(before + 1);

    byte[] sync = githubPullRequest("synchronize", "https://github.com/acme/app");
    Reply next = github("/v1/webhooks/github", "pull_request", "delivery-2", sync, ACME_SECRET);
    assertThat(next.status()).as(next.body()).isEqualTo(202);
    assertThat(inputOf(next.json().get("runs").get(0).get("runId").asText()).get("action").asText())
        .isEqualTo("synchronize");
    assertThat(runsOf("acme")).isEqualTo(before + 2);
    assertNoSecretLeaked();
  }

  @Test
  void onlyTheCustomerWhoseSecretVerifiesGetsARun() throws Exception {
    assertThat(setHook("acme", "github", ACME_SECRET, "json").status()).isEqualTo(200);
    assertThat(setHook("globex", "github", GLOBEX_SECRET, "json").status()).isEqualTo(200);
    byte[] body = githubPullRequest("reopened", "https://github.com/acme/app.git/");
    Reply r = github("/v1/webhooks/github", "pull_request", "d-globex", body, GLOBEX_SECRET);
    assertThat(r.status()).as(r.body()).isEqualTo(202);
    assertThat(r.json().get("runs")).hasSize(1);
    assertThat(r.json().get("runs").get(0).get("customerId").asText()).isEqualTo("globex");
    api.host.runs().await(r.json().get("runs").get(0).get("runId").asText());
    assertThat(runsOf("acme")).isZero();

    // ?customer= names the candidate: acme's secret does not verify for globex
    Reply named =
        github("/v1/webhooks/github?customer=globex", "pull_request", "d-named", body, ACME_SECRET);
    assertThat(named.status()).isEqualTo(401);
    assertThat(named.errorCode()).isEqualTo("webhook_signature_invalid");
    assertThat(runsOf("globex")).isEqualTo(1);
  }

  @Test
  void aWrongOrMissingSignatureIs401AndStartsNothing() throws Exception {
    assertThat(setHook("acme", "github", ACME_SECRET, "json").status()).isEqualTo(200);
    byte[] body = githubPullRequest("opened", REPO);
    List<Map<String, String>> attempts =
        List.of(
            Map.of("X-GitHub-Event", "pull_request", "X-GitHub-Delivery", "d1"),
            Map.of(
                "X-GitHub-Event", "pull_request",
                "X-GitHub-Delivery", "d2",
                "X-Hub-Signature-256", "sha256=" + hmac("wrong-secret", body)),
            Map.of(
                "X-GitHub-Event", "pull_request",
                "X-GitHub-Delivery", "d3",
                "X-Hub-Signature-256", hmac(ACME_SECRET, body)), // no "sha256=" prefix
            Map.of(
                "X-GitHub-Event", "pull_request",
                "X-GitHub-Delivery", "d4",
                "X-Hub-Signature-256", "sha256=zz" + hmac(ACME_SECRET, body).substring(2)),
            Map.of(
                "X-GitHub-Event",
                "pull_request",
                "X-GitHub-Delivery",
                "d5",
                "X-Hub-Signature-256",
                "sha256=" + hmac(ACME_SECRET, githubPullRequest("opened", REPO + "x"))));
    for (Map<String, String> headers : attempts) {
      Reply r = deliver("/v1/webhooks/github", body, headers);
      assertThat(r.status()).as("%s: %s", headers, r.body()).isEqualTo(401);
      assertThat(r.errorCode()).isEqualTo("webhook_signature_invalid");
    }
    // GitLab's token and Gitea's signature are checked the same way
    assertThat(
            deliver(
                    "/v1/webhooks/gitlab?customer=acme",
                    body,
                    Map.of(
                        "X-Gitlab-Event", "Merge Request Hook",
                        "X-Gitlab-Event-UUID", "u1",
                        "X-Gitlab-Token", ACME_SECRET))
                .status())
        .as("acme has no gitlab webhook")
        .isEqualTo(401);
    assertThat(runsOf("acme")).isZero();
  }

  @Test
  void gitlabMergeRequestsStartOnOpenUpdateWithCommitsAndReopen() throws Exception {
    assertThat(setHook("initech", "gitlab", ACME_SECRET, "json").status()).isEqualTo(200);
    Reply open = gitlab("open", true, "u-open");
    assertThat(open.status()).as(open.body()).isEqualTo(202);
    JsonNode input = inputOf(open.json().get("runs").get(0).get("runId").asText());
    assertThat(input.get("action").asText()).isEqualTo("opened");
    assertThat(input.get("pullRequest").asInt()).isEqualTo(7);
    assertThat(input.get("headSha").asText()).isEqualTo(HEAD);
    assertThat(input.get("baseSha").isNull()).isTrue();
    assertThat(input.get("headBranch").asText()).isEqualTo("fix");
    assertThat(input.get("baseBranch").asText()).isEqualTo("main");
    assertThat(input.get("repoUrl").asText())
        .isEqualTo("https://gitlab.example.com/initech/api.git");

    Reply title = gitlab("update", false, "u-title");
    assertThat(title.status()).as(title.body()).isEqualTo(200);
    assertThat(title.json().get("ignored").asText()).contains("without new commits");
    Reply update = gitlab("update", true, "u-update");
    assertThat(update.status()).as(update.body()).isEqualTo(202);
    assertThat(
            inputOf(update.json().get("runs").get(0).get("runId").asText()).get("action").asText())
        .isEqualTo("synchronize");
    Reply merged = gitlab("merge", true, "u-merge");
    assertThat(merged.status()).isEqualTo(200);
    assertThat(runsOf("initech")).isEqualTo(2);

    Reply wrong =
        deliver(
            "/v1/webhooks/gitlab",
            gitlabBody("open", true),
            Map.of(
                "X-Gitlab-Event", "Merge Request Hook",
                "X-Gitlab-Event-UUID", "u-wrong",
                "X-Gitlab-Token", ACME_SECRET + "x"));
    assertThat(wrong.status()).isEqualTo(401);
    assertThat(runsOf("initech")).isEqualTo(2);
  }

  private static byte[] gitlabBody(String action, boolean newCommits) {
    return ("{\"object_kind\":\"merge_request\",\"event_type\":\"merge_request\","
            + "\"user\":{\"username\":\"root\"},"
            + "\"project\":{\"id\":1,\"path_with_namespace\":\"initech/api\","
            + "\"web_url\":\"https://gitlab.example.com/initech/api\","
            + "\"git_http_url\":\"https://gitlab.example.com/initech/api.git\"},"
            + "\"object_attributes\":{\"id\":99,\"iid\":7,\"action\":\""
            + action
            + "\","
            + "\"source_branch\":\"fix\",\"target_branch\":\"main\",\"state\":\"opened\","
            + (newCommits ? "\"oldrev\":\"" + BASE + "\"," : "")
            + "\"last_commit\":{\"id\":\""
            + HEAD
            + "\",\"message\":\"fix\"}}}")
        .getBytes(StandardCharsets.UTF_8);
  }

  private Reply gitlab(String action, boolean newCommits, String uuid) throws Exception {
    Reply r =
        deliver(
            "/v1/webhooks/gitlab",
            gitlabBody(action, newCommits),
            Map.of(
                "X-Gitlab-Event", "Merge Request Hook",
                "X-Gitlab-Event-UUID", uuid,
                "X-Gitlab-Token", ACME_SECRET));
    return r;
  }

  @Test
  void giteaPullRequestsAndPushesStartTheirMethods() throws Exception {
    assertThat(
            api.put(
                    "/v1/customers/globex/webhooks/gitea",
                    "{\"secret\":\""
                        + GLOBEX_SECRET
                        + "\",\"on\":{\"pull_request\":{\"method\":"
                        + "\"json\"},\"push\":{\"method\":\"json\"}}}")
                .status())
        .isEqualTo(200);
    byte[] pr =
        ("{\"action\":\"synchronized\",\"number\":3,\"pull_request\":{\"id\":1,\"number\":3,"
                + "\"head\":{\"ref\":\"topic\",\"sha\":\""
                + HEAD
                + "\"},"
                + "\"base\":{\"ref\":\"main\",\"sha\":\""
                + BASE
                + "\"}},"
                + "\"repository\":{\"clone_url\":\"http://gitea.local:3000/acme/app.git\"}}")
            .getBytes(StandardCharsets.UTF_8);
    Reply r = gitea("/v1/webhooks/gitea?customer=globex", "pull_request", "g-1", pr);
    assertThat(r.status()).as(r.body()).isEqualTo(202);
    JsonNode input = inputOf(r.json().get("runs").get(0).get("runId").asText());
    assertThat(input.get("action").asText()).isEqualTo("synchronize");
    assertThat(input.get("pullRequest").asInt()).isEqualTo(3);
    assertThat(input.get("headBranch").asText()).isEqualTo("topic");

    byte[] push =
        ("{\"ref\":\"refs/heads/main\",\"before\":\""
                + BASE
                + "\",\"after\":\""
                + HEAD
                + "\","
                + "\"repository\":{\"clone_url\":\"http://gitea.local:3000/acme/app.git\"}}")
            .getBytes(StandardCharsets.UTF_8);
    Reply pushed = gitea("/v1/webhooks/gitea?customer=globex", "push", "g-2", push);
    assertThat(pushed.status()).as(pushed.body()).isEqualTo(202);
    JsonNode pushInput = inputOf(pushed.json().get("runs").get(0).get("runId").asText());
    assertThat(pushInput.get("event").asText()).isEqualTo("push");
    assertThat(pushInput.get("branch").asText()).isEqualTo("main");
    assertThat(pushInput.get("after").asText()).isEqualTo(HEAD);

    byte[] tag =
        ("{\"ref\":\"refs/tags/v1\",\"before\":\""
                + BASE
                + "\",\"after\":\""
                + HEAD
                + "\","
                + "\"repository\":{\"clone_url\":\"http://gitea.local:3000/acme/app.git\"}}")
            .getBytes(StandardCharsets.UTF_8);
    Reply tagged = gitea("/v1/webhooks/gitea?customer=globex", "push", "g-3", tag);
    assertThat(tagged.status()).as(tagged.body()).isEqualTo(200);
    assertThat(tagged.json().get("ignored").asText()).contains("not of a branch");
    assertThat(runsOf("globex")).isEqualTo(2);
  }

  private Reply gitea(String path, String event, String delivery, byte[] body) throws Exception {
    return deliver(
        path,
        body,
        Map.of(
            "X-Gitea-Event", event,
            "X-Gitea-Delivery", delivery,
            "X-Gitea-Signature", hmac(GLOBEX_SECRET, body)));
  }

  @Test
  void eventsAndActionsWithoutAMethodAreIgnored() throws Exception {
    assertThat(setHook("acme", "github", ACME_SECRET, "json").status()).isEqualTo(200);
    Reply closed =
        github(
            "/v1/webhooks/github",
            "pull_request",
            "i-1",
            githubPullRequest("closed", REPO),
            ACME_SECRET);
    assertThat(closed.status()).as(closed.body()).isEqualTo(200);
    assertThat(closed.json().get("ignored").asText()).contains("closed");
    byte[] ping =
        ("{\"zen\":\"Keep it logically awesome.\",\"hook_id\":1,"
                + "\"repository\":{\"clone_url\":\""
                + REPO
                + "\"}}")
            .getBytes(StandardCharsets.UTF_8);
    Reply pinged = github("/v1/webhooks/github", "ping", "i-2", ping, ACME_SECRET);
    assertThat(pinged.status()).as(pinged.body()).isEqualTo(200);
    assertThat(pinged.json().get("ignored").asText()).contains("ping");
    byte[] push =
        ("{\"ref\":\"refs/heads/main\",\"before\":\""
                + BASE
                + "\",\"after\":\""
                + HEAD
                + "\",\"repository\":{\"clone_url\":\""
                + REPO
                + "\"}}")
            .getBytes(StandardCharsets.UTF_8);
    Reply pushed = github("/v1/webhooks/github", "push", "i-3", push, ACME_SECRET);
    assertThat(pushed.status()).as(pushed.body()).isEqualTo(200);
    assertThat(pushed.json().get("ignored").asText()).isEqualTo("no method is configured for push");
    assertThat(runsOf("acme")).isZero();
  }

  @Test
  void badDeliveriesAreClearErrorsAndStartNothing() throws Exception {
    assertThat(setHook("acme", "github", ACME_SECRET, "json").status()).isEqualTo(200);
    byte[] notJson = "payload=%7B%22secret%22%7D".getBytes(StandardCharsets.UTF_8);
    Reply r = github("/v1/webhooks/github", "pull_request", "b-1", notJson, ACME_SECRET);
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.errorCode()).isEqualTo("webhook_payload_invalid");
    assertThat(r.body()).doesNotContain("payload=");

    byte[] noHead =
        ("{\"action\":\"opened\",\"number\":1,\"pull_request\":{\"base\":{\"ref\":"
                + "\"main\",\"sha\":\""
                + BASE
                + "\"}},\"repository\":{\"clone_url\":\""
                + REPO
                + "\"}}")
            .getBytes(StandardCharsets.UTF_8);
    r = github("/v1/webhooks/github", "pull_request", "b-2", noHead, ACME_SECRET);
    assertThat(r.status()).as(r.body()).isEqualTo(400);
    assertThat(r.errorCode()).isEqualTo("webhook_payload_invalid");
    assertThat(r.json().path("error").path("message").asText()).contains("head.sha");

    byte[] noRepo = "{\"action\":\"opened\"}".getBytes(StandardCharsets.UTF_8);
    r = github("/v1/webhooks/github", "pull_request", "b-3", noRepo, ACME_SECRET);
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.json().path("error").path("message").asText()).contains("?customer=");

    byte[] body = githubPullRequest("opened", REPO);
    r =
        deliver(
            "/v1/webhooks/github",
            body,
            Map.of(
                "X-GitHub-Event",
                "pull_request",
                "X-Hub-Signature-256",
                "sha256=" + hmac(ACME_SECRET, body)));
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.errorCode()).isEqualTo("webhook_headers_invalid");
    r = github("/v1/webhooks/github", "pull_request", "bad id with spaces", body, ACME_SECRET);
    assertThat(r.status()).isEqualTo(400);

    r = github("/v1/webhooks/bitbucket", "pull_request", "b-4", body, ACME_SECRET);
    assertThat(r.status()).isEqualTo(404);
    assertThat(r.errorCode()).isEqualTo("unknown_forge");

    StringBuilder big = new StringBuilder("{\"action\":\"opened\",\"padding\":\"");
    big.append("x".repeat((1 << 20) + 10)).append("\"}");
    byte[] huge = big.toString().getBytes(StandardCharsets.UTF_8);
    r = github("/v1/webhooks/github", "pull_request", "b-5", huge, ACME_SECRET);
    assertThat(r.status()).isEqualTo(413);

    assertThat(runsOf("acme")).isZero();
    assertNoSecretLeaked();
  }

  @Test
  void aPausedCellWakesForADelivery() throws Exception {
    assertThat(
            api.put(
                    "/v1/customers/acme/webhooks/github",
                    "{\"secret\":\"" + ACME_SECRET + "\",\"on\":{\"push\":{\"method\":\"json\"}}}")
                .status())
        .isEqualTo(200);
    byte[] push =
        ("{\"ref\":\"refs/heads/main\",\"before\":\""
                + BASE
                + "\",\"after\":\""
                + HEAD
                + "\",\"repository\":{\"clone_url\":\""
                + REPO
                + "\"}}")
            .getBytes(StandardCharsets.UTF_8);
    api.host.cells().pause("acme");
    Reply r = github("/v1/webhooks/github", "push", "p-1", push, ACME_SECRET);
    assertThat(r.status()).as(r.body()).isEqualTo(202);
    assertThat(inputOf(r.json().get("runs").get(0).get("runId").asText()).get("branch").asText())
        .isEqualTo("main");
  }

  @Test
  void aBusyCellIsRefusedClearlyAndARedeliveryLaterStartsIt() throws Exception {
    assertThat(
            api.call(
                    "POST",
                    "/v1/deployments?env=production",
                    PluginJars.plugin("echo-plugin", "1.0.0", EchoAgent.class),
                    RunningServer.KEY)
                .status())
        .isEqualTo(201);
    Reply created =
        api.post(
            "/v1/customers?wait=true",
            "{\"id\":\"busy\",\"agent\":\"echo\",\"config\":{\"repoUrl\":\"" + REPO + "\"}}");
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    // one hook of the repository, its secret given to both customers
    assertThat(setHook("acme", "github", ACME_SECRET, "json").status()).isEqualTo(200);
    assertThat(setHook("busy", "github", ACME_SECRET, "config").status()).isEqualTo(200);
    String hang =
        api.host.runs().start("busy", "hang", NullNode.getInstance(), Optional.empty()).id();

    byte[] body = githubPullRequest("opened", REPO);
    Reply both = github("/v1/webhooks/github", "pull_request", "busy-1", body, ACME_SECRET);
    assertThat(both.status()).as(both.body()).isEqualTo(202);
    assertThat(both.json().get("runs")).hasSize(1);
    assertThat(both.json().get("runs").get(0).get("customerId").asText()).isEqualTo("acme");
    assertThat(both.json().get("refused").get(0).get("customerId").asText()).isEqualTo("busy");
    assertThat(both.json().get("refused").get(0).get("code").asText()).isEqualTo("run_in_progress");
    api.host.runs().await(both.json().get("runs").get(0).get("runId").asText());

    Reply alone =
        github("/v1/webhooks/github?customer=busy", "pull_request", "busy-2", body, ACME_SECRET);
    assertThat(alone.status()).as(alone.body()).isEqualTo(409);
    assertThat(alone.errorCode()).isEqualTo("run_in_progress");

    api.host.runs().cancel(hang);
    Reply redelivered =
        github("/v1/webhooks/github?customer=busy", "pull_request", "busy-2", body, ACME_SECRET);
    assertThat(redelivered.status()).as(redelivered.body()).isEqualTo(202);
    String runId = redelivered.json().get("runs").get(0).get("runId").asText();
    assertThat(api.host.runs().await(runId).method()).isEqualTo("config");
  }

  @Test
  void settingsSurviveARestart() throws Exception {
    assertThat(setHook("acme", "github", ACME_SECRET, "json").status()).isEqualTo(200);
    String before = api.get("/v1/customers/acme/webhooks").body();
    api.close();
    api = new RunningServer(oncell);
    assertThat(api.get("/v1/customers/acme/webhooks").body()).isEqualTo(before);
    Reply r =
        github(
            "/v1/webhooks/github",
            "pull_request",
            "restart-1",
            githubPullRequest("opened", REPO),
            ACME_SECRET);
    assertThat(r.status()).as(r.body()).isEqualTo(202);
    inputOf(r.json().get("runs").get(0).get("runId").asText());
  }

  /** No secret in any answer above (checked there), in the log, or in a file of the home. */
  private void assertNoSecretLeaked() throws IOException {
    synchronized (logs) {
      assertThat(String.join("\n", logs)).doesNotContain(ACME_SECRET).doesNotContain(GLOBEX_SECRET);
    }
    byte[] secret = ACME_SECRET.getBytes(StandardCharsets.UTF_8);
    try (Stream<Path> files = Files.walk(api.home)) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        byte[] bytes;
        try {
          bytes = Files.readAllBytes(f);
        } catch (IOException e) {
          continue;
        }
        assertThat(indexOf(bytes, secret)).as("the secret is in %s", f).isEqualTo(-1);
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
}
