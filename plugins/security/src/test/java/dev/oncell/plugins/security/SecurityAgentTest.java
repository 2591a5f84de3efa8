package dev.oncell.plugins.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.oncell.agent.ShellResult;
import dev.oncell.git.testing.LoopbackGitServer;
import dev.oncell.runtime.RunInfo;
import dev.oncell.runtime.RunStatus;
import dev.oncell.testkit.OncellTestKit;
import dev.oncell.testkit.ScriptedModel;
import dev.oncell.testkit.TestCell;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.jgit.lib.Repository;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The security agent in real air-gapped cells of an embedded host (bubblewrap), scanning a real
 * repository with real history served over smart HTTP on loopback, with a scripted local model: a
 * secret deleted long ago is found, allow comments and the ignore file are honoured, the model's
 * suppressions are shown, a second scan reads no blob again, a baseline hides old findings, bad
 * input changes nothing, and the cell reaches no outside host.
 */
class SecurityAgentTest {

  static final String TOKEN = "tok-SECURITY-upstream-8c1d";
  static final String REPO = "acme/shop";

  // Made-up credentials, built at run time so this file holds none.
  static final String AWS = "AKIA" + "Q3DRZ7KLMN2PWX4T";
  static final String GITHUB = "ghp_" + "53X83RZJzzzzgEOzdmenCkhvMdgaKjIg8xNb";
  static final String ALLOWED = "ghp_" + "ljENUhJduRHHJEYXg4JdpmrcXgGCJbW56eCu";
  static final String STRIPE = "sk_live_" + "NGMGmSrCGIZEG8pSH4487q7J";
  static final String SLACK = "xoxb-" + "2648-51732-Hp6bR1IqfEouHgxz";

  static final ScriptedModel model = ScriptedModel.start();

  @RegisterExtension
  static final OncellTestKit kit =
      OncellTestKit.forAgent(SecurityAgent.class)
          .withModel(model)
          // The repository is on 127.0.0.1: the operator allows the host to fetch from there for
          // air-gapped cells, as `oncell serve --egress-allow 127.0.0.1` would.
          .withHostConfig(
              c ->
                  c.withEmbeddingModel("none")
                      .withCells(
                          dev.oncell.runtime.CellDefaults.defaults()
                              .withEgressAllow(List.of("127.0.0.1"))));

  private Path dir;
  private LoopbackGitServer server;
  private UpstreamRepo upstream;

  @BeforeEach
  void repository() throws IOException {
    dir = Files.createTempDirectory("security-remotes-");
    server = LoopbackGitServer.start(dir.resolve("remote"), TOKEN);
    try (Repository bare = server.create(REPO)) {
      upstream = new UpstreamRepo(dir.resolve("work"), bare.getDirectory().toPath());
    }
  }

  @AfterEach
  void stop() throws IOException {
    server.close();
    try (var walk = Files.walk(dir)) {
      walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  @AfterAll
  static void stopModel() {
    model.close();
  }

  private TestCell customer(String id, ObjectNode config) {
    kit.host().gitCredentials().set(id, server.host(), Optional.empty(), TOKEN);
    config.put("repoUrl", server.url(REPO).toString());
    return kit.customer(id, config);
  }

  private static ObjectNode config() {
    return JsonNodeFactory.instance.objectNode();
  }

  private static JsonNode input(String json) {
    try {
      return new com.fasterxml.jackson.databind.ObjectMapper().readTree(json);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** History: a key committed then deleted; a token in the tree; an allowed one; a fixture. */
  private void history() {
    upstream.commit(
        "configuration",
        Map.of(
            "config/prod.env",
            "REGION=eu-west-1\nAWS_ACCESS_KEY_ID=" + AWS + "\n",
            "app.py",
            "def main():\n    return 0\n"));
    upstream.delete("remove the production env file", "config/prod.env");
    upstream.commit(
        "settings",
        Map.of(
            "settings.py",
            "DEBUG = False\nGITHUB_TOKEN = \""
                + GITHUB
                + "\"\nDOCS_TOKEN = \""
                + ALLOWED
                + "\"  # gitleaks:allow\n",
            "tests/fixture.py",
            "# a fake key for the payment tests\nSTRIPE = \"" + STRIPE + "\"\n"));
    upstream.push();
  }

  @Test
  void findsASecretDeletedLongAgoHonoursAllowCommentsAndScansNoBlobTwice() {
    history();
    TestCell acme = customer("acme", config());
    // Triage order: critical first (the deleted AWS key), then by file.
    model.replyJson(Map.of("exploitable", true, "reason", "a production AWS key id"));
    model.replyJson(Map.of("exploitable", true, "reason", "a live GitHub token in settings"));
    model.replyJson(Map.of("exploitable", false, "reason", "a test fixture, not a real key"));
    int before = model.requestCount();

    ScanReport first = acme.call("scan", Map.of(), ScanReport.class);

    assertThat(first.findings())
        .extracting(r -> r.finding().rule() + "@" + r.finding().file() + ":" + r.where())
        .containsExactly(
            "aws-access-key-id@config/prod.env:history", "github-pat@settings.py:tree");
    ReportedFinding aws = first.findings().getFirst();
    assertThat(aws.finding().line()).isEqualTo(2);
    assertThat(aws.finding().cwe()).isEqualTo("CWE-798");
    assertThat(aws.triage()).isEqualTo("exploitable: a production AWS key id");
    assertThat(first.suppressed())
        .singleElement()
        .satisfies(
            s -> {
              assertThat(s.finding().rule()).isEqualTo("stripe-live-key");
              assertThat(s.suppressedBy()).isEqualTo("model:local");
              assertThat(s.suppressedReason()).isEqualTo("a test fixture, not a real key");
              assertThat(s.suppressedAt()).isNotEmpty();
            });
    assertThat(first.summary()).contains("model:local: a test fixture, not a real key");
    assertThat(model.requestCount() - before).isEqualTo(3);
    assertThat(first.scanned()).isEqualTo(first.treeFiles() + first.historyBlobs());

    // Nothing holds a secret: not the report, not what the model saw.
    String everything = first.toString() + model.requests();
    for (String secret : List.of(AWS, GITHUB, ALLOWED, STRIPE)) {
      assertThat(everything).doesNotContain(secret.substring(4));
    }
    assertThat(model.requests().toString()).contains("AKIA…").contains("prod.env");

    // A second scan reads no blob again and asks the model nothing.
    ScanReport second = acme.call("scan", Map.of(), ScanReport.class);
    assertThat(second.scanned()).isZero();
    assertThat(second.alreadyScanned()).isEqualTo(first.scanned());
    assertThat(second.findings()).isEqualTo(first.findings());
    assertThat(model.requestCount() - before).isEqualTo(3);

    // SARIF of the last scan, with the shape code hosts require.
    JsonNode sarif = acme.call("sarif", Map.of());
    SarifShape.check(sarif);
    assertThat(sarif.path("runs").get(0).path("results")).hasSize(3);
  }

  @Test
  void aBaselineHidesOldFindingsSuppressionsAndTheIgnoreFileAreKept() {
    history();
    TestCell acme = customer("acme", config());
    ScanReport first = acme.call("scan", Map.of("triage", false), ScanReport.class);
    assertThat(first.findings()).hasSize(3);
    Requests.BaselineResult baseline =
        acme.call(
            "baseline",
            Map.of("by", "alice@acme.test", "reason", "known before the audit"),
            Requests.BaselineResult.class);
    assertThat(baseline.added()).isEqualTo(3);

    upstream.commit("notifications", Map.of("notify.py", "SLACK_TOKEN = \"" + SLACK + "\"\n"));
    upstream.push();
    ScanReport later = acme.call("scan", Map.of("triage", false), ScanReport.class);
    assertThat(later.findings()).extracting(r -> r.finding().rule()).containsExactly("slack-token");
    assertThat(later.baselined()).isEqualTo(3);
    assertThat(later.scanned()).as("only the new commit's blobs").isBetween(1, 2);

    String fingerprint = later.findings().getFirst().finding().fingerprint();
    Requests.Suppressed suppressed =
        acme.call(
            "suppress",
            Map.of("fingerprint", fingerprint, "by", "bob@acme.test", "reason", "revoked on 1 Dec"),
            Requests.Suppressed.class);
    assertThat(suppressed.at()).isNotEmpty();
    ScanReport after = acme.call("scan", Map.of("triage", false), ScanReport.class);
    assertThat(after.findings()).isEmpty();
    assertThat(after.suppressed())
        .singleElement()
        .satisfies(
            s -> {
              assertThat(s.suppressedBy()).isEqualTo("bob@acme.test");
              assertThat(s.suppressedReason()).isEqualTo("revoked on 1 Dec");
            });

    // The repository's .gitleaksignore, in gitleaks' own fingerprint form.
    upstream.commit(
        "ignore",
        Map.of(
            "more.py",
            "TOKEN = \"" + GITHUB + "\"\n",
            ".gitleaksignore",
            "# reviewed\nmore.py:github-pat:1\n"));
    upstream.push();
    ScanReport ignored = acme.call("scan", Map.of("triage", false), ScanReport.class);
    assertThat(ignored.findings()).isEmpty();
    assertThat(ignored.ignored()).isEqualTo(1);
  }

  @Test
  void badInputGetsAClearErrorAndChangesNothing() {
    upstream.commit(
        "rules",
        Map.of(
            ".gitleaks.toml",
            "title = \"ours\"\n\n[[rules]]\nid = \"broken\"\nregex = '''(unclosed'''\n",
            "a.py",
            "x = 1\n"));
    upstream.push();
    TestCell acme = customer("acme", config());
    RunInfo bad = acme.run("scan", Map.of());
    assertThat(bad.status()).isEqualTo(RunStatus.FAILED);
    assertThat(bad.error().orElseThrow().code()).isEqualTo("security_bad_rules");
    assertThat(bad.error().orElseThrow().message())
        .contains(".gitleaks.toml:4: rule broken: invalid regular expression");
    assertThat(acme.db().query("SELECT COUNT(*) AS N FROM security_scanned"))
        .as("nothing scanned, nothing recorded")
        .containsExactly(Map.of("N", 0L));

    assertThat(acme.run("baseline", Map.of("by", "a", "reason", "b")).error().orElseThrow().code())
        .isEqualTo("security_no_scan");
    assertThat(
            acme.run("suppress", Map.of("fingerprint", "00ff00ff", "by", "a", "reason", "b"))
                .error()
                .orElseThrow()
                .code())
        .isEqualTo("security_unknown_finding");
    assertThat(
            acme.run("suppress", Map.of("fingerprint", "00ff00ff", "by", "a"))
                .error()
                .orElseThrow()
                .code())
        .isEqualTo("security_invalid_input");
    assertThat(
            acme.run("suppress", Map.of("fingerprint", "'; DROP TABLE x", "by", "a", "reason", "b"))
                .error()
                .orElseThrow()
                .code())
        .isEqualTo("security_invalid_input");

    ObjectNode remote = config().put("model", "openai/gpt-4o");
    assertThatThrownBy(() -> customer("globex", remote))
        .hasMessageContaining("security_model_not_local");
  }

  @Test
  void binaryAndHugeFilesAreSkippedAndSaidSo() {
    byte[] binary = new byte[4096];
    binary[10] = 0;
    binary[20] = 'g';
    upstream.commitBytes("a picture", "logo.png", binary);
    upstream.commit(
        "a big generated file",
        Map.of("data/huge.txt", "x".repeat(3 << 20), "ok.py", "TOKEN = \"" + GITHUB + "\"\n"));
    upstream.push();
    TestCell acme = customer("acme", config());
    ScanReport report = acme.call("scan", Map.of("triage", false), ScanReport.class);
    assertThat(report.findings()).extracting(r -> r.finding().file()).containsExactly("ok.py");
    assertThat(report.skipped())
        .anyMatch(s -> s.startsWith("data/huge.txt: skipped: too large"))
        .anyMatch(s -> s.contains("skipped: binary"));

    // A model that fails (nothing scripted) leaves the findings untriaged, not the scan failed.
    ScanReport triaged = acme.call("scan", Map.of(), ScanReport.class);
    assertThat(triaged.triage()).contains("the model failed (llm_bad_request)");
    assertThat(triaged.findings()).hasSize(1).allMatch(r -> r.triage().isEmpty());
  }

  @Test
  void theCellReachesNoOutsideHost() {
    upstream.commit("one", Map.of("a.py", "x = 1\n"));
    upstream.push();
    TestCell acme = customer("acme", config());
    int before = server.requests().size();
    String url = server.baseUrl() + "/" + REPO + ".git/info/refs?service=git-upload-pack";
    ShellResult proxied = acme.shell("curl -s -o /dev/null -w '%{http_code}' " + url);
    assertThat(proxied.stdout()).as("through the cell's proxy").isEqualTo("403");
    ShellResult direct = acme.shell("curl -sS --noproxy '*' --max-time 5 " + url);
    assertThat(direct.exitCode()).as("directly").isNotZero();
    assertThat(server.requests()).hasSize(before);
    assertThat(acme.shell("cat a.py").stdout()).isEqualTo("x = 1\n");
  }
}
