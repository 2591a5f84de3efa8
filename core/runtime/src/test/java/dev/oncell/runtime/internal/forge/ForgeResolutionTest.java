package dev.oncell.runtime.internal.forge;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.oncell.forge.testing.FakeGitHub;
import dev.oncell.runtime.CellInfo;
import dev.oncell.runtime.Cells;
import dev.oncell.runtime.Host;
import dev.oncell.runtime.PluginJars;
import dev.oncell.runtime.RunInfo;
import dev.oncell.runtime.RunStatus;
import dev.oncell.runtime.fixtures.TestHost;
import dev.oncell.runtime.internal.DefaultHost;
import dev.oncell.runtime.testagents.ForgeAgent;
import dev.oncell.runtime.testagents.OfflineForgeAgent;
import dev.oncell.runtime.testagents.PluginForgeAgent;
import dev.oncell.runtime.testagents.StaticForge;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Which forge serves a run's {@code ctx.pullRequests()}: a forge the agent's plugin ships, the
 * customer config's {@code forge}, public hosts; and every bad configuration refused with a clear
 * code before any step is journaled or anything is sent.
 */
class ForgeResolutionTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String TOKEN = "glpat-resolutionTokenXyz987";

  @RegisterExtension
  final TestHost oncell =
      TestHost.create(c -> c.withEmbeddingModel("none").withSandbox("bubblewrap"));

  private FakeGitHub github;
  private Host host;

  @BeforeEach
  void start() {
    github = FakeGitHub.start();
    github.repo("acme/shop").token(TOKEN, true);
    host = DefaultHost.open(oncell.config());
    host.deployments()
        .deploy(PluginJars.plugin("forge-plugin", "1.0.0", ForgeAgent.class), "production");
    host.deployments()
        .deploy(
            PluginJars.withExtensions(
                "plugin-forge-plugin",
                "1.0.0",
                PluginForgeAgent.class,
                List.of(StaticForge.class),
                ForgeAgent.class),
            "production");
    host.deployments()
        .deploy(
            PluginJars.plugin(
                "offline-forge-plugin", "1.0.0", OfflineForgeAgent.class, ForgeAgent.class),
            "production");
  }

  @AfterEach
  void stop() {
    host.close();
    github.close();
  }

  private void customer(String id, String agent, ObjectNode config) {
    host.gitCredentials().set(id, "127.0.0.1", Optional.empty(), TOKEN);
    CellInfo info =
        host.cells().create(new Cells.NewCell(id, config, Optional.of(agent), "production"));
    host.runs().await(info.setupRunId().orElseThrow());
  }

  private ObjectNode config(String repoUrl, String kind, String apiBase) {
    ObjectNode config = JSON.createObjectNode().put("repoUrl", repoUrl);
    config.putObject("forge").put("kind", kind).put("apiBase", apiBase);
    return config;
  }

  private static ObjectNode pr() {
    return JSON.createObjectNode()
        .put("head", "oncell/x")
        .put("base", "main")
        .put("title", "T")
        .put("body", "B");
  }

  private RunInfo run(String customer, String method, JsonNode input) {
    return host.runs().await(host.runs().start(customer, method, input, Optional.empty()).id());
  }

  /** The run failed with this code and message, journaled no forge step and sent nothing. */
  private String refused(String customer, JsonNode input) {
    RunInfo run = run(customer, "open", input);
    assertThat(run.status()).isEqualTo(RunStatus.FAILED);
    assertThat(host.runs().journal(run.id()))
        .as("no forge step journaled")
        .noneMatch(s -> s.kind().startsWith("forge."));
    assertThat(github.calls()).as("nothing sent").isEmpty();
    return run.error().orElseThrow().code() + ": " + run.error().orElseThrow().message();
  }

  @Test
  void aForgeTheAgentsPluginShipsServesItsKind() {
    String base = "http://127.0.0.1:9/api";
    customer("acme", "plugin-forge", config("http://127.0.0.1:9/acme/shop", "static", base));
    RunInfo run = run("acme", "review", pr());
    assertThat(run.status()).as("%s", run.error()).isEqualTo(RunStatus.SUCCEEDED);
    JsonNode review = run.result().orElseThrow();
    assertThat(review.get("number").asLong()).isEqualTo(7);
    assertThat(review.get("commentId").asLong()).isEqualTo(70);
    assertThat(review.get("url").asText())
        .as("the host gave the plugin's forge the configured API base and repository")
        .isEqualTo(base + "/acme/shop/pr/7");

    customer("plain", "forge", config("http://127.0.0.1:9/acme/shop", "static", base));
    assertThat(refused("plain", pr()))
        .as("another agent's plugin forge is not this one's")
        .startsWith("forge_unknown: no forge of kind 'static'");
  }

  @Test
  void aCellWithoutEgressCannotReachAForge() {
    customer("acme", "offline-forge", config(github.repoUrl("acme/shop"), "github", base()));
    RunInfo run = run("acme", "open", pr());
    assertThat(run.error().orElseThrow().code()).isEqualTo("egress_blocked");
    assertThat(github.calls()).isEmpty();
  }

  private String base() {
    return github.apiBase();
  }

  @Test
  void badRepositoriesAndForgeConfigsAreRefusedBeforeAnyStep() {
    String repoUrl = github.repoUrl("acme/shop");
    customer("nourl", "forge", JSON.createObjectNode());
    assertThat(refused("nourl", pr())).startsWith("repo_url_missing").contains("repoUrl");

    customer("file", "forge", JSON.createObjectNode().put("repoUrl", "file:///etc/shop"));
    assertThat(refused("file", pr())).startsWith("invalid_repo_url");

    customer("elsewhere", "forge", config(repoUrl, "github", "http://127.0.0.2:1/api"));
    assertThat(refused("elsewhere", pr()))
        .startsWith("forge_config_invalid")
        .contains("only sent to that host");

    ObjectNode notAnObject = JSON.createObjectNode().put("repoUrl", repoUrl).put("forge", "x");
    customer("string", "forge", notAnObject);
    assertThat(refused("string", pr())).startsWith("forge_config_invalid");

    ObjectNode noKind = JSON.createObjectNode().put("repoUrl", repoUrl);
    noKind.putObject("forge").put("apiBase", base());
    customer("nokind", "forge", noKind);
    assertThat(refused("nokind", pr())).startsWith("forge_unknown").contains("forge.kind");

    customer("unknown", "forge", config(repoUrl, "bitbucket", base()));
    assertThat(refused("unknown", pr())).startsWith("forge_unknown");

    customer("good", "forge", config(repoUrl, "github", base()));
    assertThat(
            refused("good", pr().put("repoUrl", "https://user:" + TOKEN + "@github.com/acme/shop")))
        .as("a URL holding a credential")
        .startsWith("invalid_repo_url")
        .doesNotContain(TOKEN);
  }
}
