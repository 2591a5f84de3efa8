package dev.oncell.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.oncell.git.testing.LoopbackGitServer;
import dev.oncell.git.testing.Repos;
import dev.oncell.plugins.security.SecurityAgent;
import dev.oncell.runtime.CellDefaults;
import dev.oncell.runtime.fixtures.TestHost;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.eclipse.jgit.lib.Repository;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's security walk-through, command by command, through the CLI against a real server and
 * real sandboxes: the shipped {@code security} plugin in an air-gapped cell (network blocked; the
 * host fetches the repository read-only from the host the operator allows), an OSV snapshot
 * imported with {@code oncell security import-osv}, one {@code scan}, and SARIF holding a secret
 * committed then deleted in an old commit, a vulnerable pinned dependency and an SQL injection.
 */
class SecurityWalkthroughTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String TOKEN = "security-walkthrough-token-0123";
  private static final String REPO = "acme/shop";

  /** A GitHub personal access token's shape: made up, and committed then deleted. */
  private static final String LEAKED = "ghp_" + "R7kQ2mX9vL4tN8pW1sZ6bC3dF5gH0jK2yA7e";

  @RegisterExtension
  final TestHost oncell =
      TestHost.create(
          c ->
              c.withEmbeddingModel("none")
                  // `oncell serve --egress-allow 127.0.0.1`: where the host may fetch from
                  .withCells(CellDefaults.defaults().withEgressAllow(List.of("127.0.0.1"))));

  @TempDir Path tmp;

  private LoopbackGitServer upstream;
  private LiveCli cli;

  @BeforeEach
  void start() throws IOException {
    upstream = LoopbackGitServer.start(tmp.resolve("remote"), TOKEN);
    try (Repository repo = upstream.create(REPO)) {
      String first =
          Repos.commit(
              repo,
              "main",
              Map.of("settings.py", "GITHUB_TOKEN = \"" + LEAKED + "\"\n", "README.md", "# shop\n"),
              "settings");
      Repos.commitOn(
          repo,
          "main",
          Optional.of(first),
          Map.of(
              "settings.py",
              "import os\n\nGITHUB_TOKEN = os.environ[\"GITHUB_TOKEN\"]\n",
              "requirements.txt",
              "flask==2.0.0\njinja2==2.10.1\n",
              "app.py",
              """
              import sqlite3

              from flask import Flask, request

              app = Flask(__name__)


              @app.route("/user")
              def user():
                  name = request.args.get("name")
                  db = sqlite3.connect("shop.db")
                  rows = db.execute("SELECT * FROM users WHERE name = '" + name + "'").fetchall()
                  return str(rows)
              """),
          "the shop, the token from the environment");
    }
    cli = new LiveCli(oncell, tmp.resolve("user"));
  }

  @AfterEach
  void stop() {
    cli.close();
    upstream.close();
  }

  @Test
  void anAirGappedScanFindsASecretInHistoryAVulnerableDependencyAndAnInjection() throws Exception {
    Path jar =
        Files.write(
            tmp.resolve("security.jar"), ShippedPlugins.jar(SecurityAgent.class, "security"));
    ok(cli.oncell("deploy", "--env", "production", jar.toString()));
    ok(
        cli.withStdin(
            TOKEN + "\n",
            "git",
            "credentials",
            "set",
            "--customer",
            "acme",
            "--host",
            upstream.host()));
    ok(
        cli.oncell(
            "customers",
            "create",
            "acme",
            "--agent",
            "security",
            "--wait",
            "--config",
            JSON.writeValueAsString(Map.of("repoUrl", upstream.url(REPO).toString()))));

    Path osv = Files.write(tmp.resolve("PyPI-all.zip"), osvArchive());
    ok(cli.oncell("security", "import-osv", "--customer", "acme", osv.toString()));

    JsonNode report = result(cli.oncell("run", "scan", "--customer", "acme", "--input", "{}"));
    TreeSet<String> categories = new TreeSet<>();
    report
        .path("findings")
        .forEach(f -> categories.add(f.path("finding").path("category").asText()));
    assertThat(categories)
        .as("%s", report.toPrettyString())
        .containsExactly("code", "dependencies", "secrets");
    assertThat(report.toString())
        .as("the secret is shown redacted, never whole")
        .doesNotContain(LEAKED);
    assertThat(report.path("skipped").toString())
        .as("the snapshot's date, with the report")
        .contains("OSV PyPI 2026-11-30T00:00:00Z");

    JsonNode sarif = result(cli.oncell("run", "sarif", "--customer", "acme"));
    assertThat(sarif.path("version").asText()).isEqualTo("2.1.0");
    JsonNode results = sarif.path("runs").get(0).path("results");
    List<String> rules = new ArrayList<>();
    List<String> files = new ArrayList<>();
    results.forEach(
        r -> {
          rules.add(r.path("ruleId").asText());
          files.add(
              r.path("locations")
                  .get(0)
                  .path("physicalLocation")
                  .path("artifactLocation")
                  .path("uri")
                  .asText());
        });
    assertThat(rules).contains("GHSA-walk-jinja-0001");
    assertThat(files)
        .as("the deleted secret's file, the lock file, the handler")
        .contains("settings.py", "requirements.txt", "app.py");
    assertThat(sarif.toString()).doesNotContain(LEAKED);
  }

  private static void ok(LiveCli.Run run) {
    assertThat(run.exitCode()).as("%s", run).isZero();
  }

  private static JsonNode result(LiveCli.Run run) throws IOException {
    ok(run);
    return JSON.readTree(run.out());
  }

  /** osv.dev's export of one ecosystem: one OSV record per entry. */
  private static byte[] osvArchive() throws IOException {
    String record =
        """
        {"schema_version": "1.6.0", "id": "GHSA-walk-jinja-0001",
         "modified": "2026-11-30T00:00:00Z", "published": "2021-02-01T00:00:00Z",
         "aliases": ["CVE-2020-28493"],
         "summary": "ReDoS in jinja2's urlize filter",
         "affected": [{"package": {"ecosystem": "PyPI", "name": "jinja2"},
                       "ranges": [{"type": "ECOSYSTEM",
                                   "events": [{"introduced": "0"}, {"fixed": "2.11.3"}]}]}],
         "database_specific": {"severity": "MODERATE", "cwe_ids": ["CWE-400"]}}
        """;
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
      zip.putNextEntry(new ZipEntry("GHSA-walk-jinja-0001.json"));
      zip.write(record.getBytes(StandardCharsets.UTF_8));
      zip.closeEntry();
    }
    return bytes.toByteArray();
  }
}
