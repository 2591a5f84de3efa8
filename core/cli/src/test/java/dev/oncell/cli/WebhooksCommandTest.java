package dev.oncell.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.oncell.runtime.Cells;
import dev.oncell.runtime.PluginJars;
import dev.oncell.runtime.WebhookForge;
import dev.oncell.runtime.fixtures.TestHost;
import dev.oncell.runtime.testagents.InputAgent;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** {@code oncell webhooks} against a real server: the secret goes in on stdin, only a hint out. */
class WebhooksCommandTest {

  private static final String SECRET = "gh-hook-secret-abcdef123456";

  @RegisterExtension final TestHost oncell = TestHost.create(c -> c.withEmbeddingModel("none"));

  /** The CLI user's home. */
  @TempDir Path tmp;

  private LiveCli cli;

  @BeforeEach
  void start() {
    cli = new LiveCli(oncell, tmp.resolve("user"));
    cli.host
        .deployments()
        .deploy(PluginJars.plugin("input-plugin", "1.0.0", InputAgent.class), "production");
    var created =
        cli.host
            .cells()
            .create(
                new Cells.NewCell(
                    "acme",
                    new ObjectMapper().createObjectNode(),
                    Optional.of("input"),
                    "production"));
    cli.host.runs().await(created.setupRunId().orElseThrow());
  }

  @AfterEach
  void stop() {
    cli.close();
  }

  @Test
  void setListAndDelete() throws Exception {
    LiveCli.Run set =
        cli.withStdin(
            SECRET + "\n",
            "webhooks",
            "set",
            "--customer",
            "acme",
            "--forge",
            "github",
            "--method",
            "json",
            "--event",
            "pull_request",
            "--event",
            "push");
    assertThat(set.exitCode()).as(set.toString()).isZero();
    assertThat(set.out()).contains("github").contains("****3456").doesNotContain(SECRET);
    assertThat(cli.host.webhooks().find("acme", WebhookForge.GITHUB).orElseThrow().methods())
        .containsEntry("pull_request", "json")
        .containsEntry("push", "json");

    LiveCli.Run list = cli.oncell("webhooks", "list", "--customer", "acme");
    assertThat(list.exitCode()).as(list.toString()).isZero();
    assertThat(list.out()).contains("pull_request").contains("push").doesNotContain(SECRET);
    JsonNode json =
        new ObjectMapper()
            .readTree(cli.oncell("webhooks", "list", "--customer", "acme", "--json").out());
    assertThat(json.path("webhooks")).hasSize(1);
    assertThat(json.toString()).doesNotContain(SECRET);

    LiveCli.Run bad =
        cli.withStdin(
            "s\n",
            "webhooks",
            "set",
            "--customer",
            "acme",
            "--forge",
            "github",
            "--method",
            "review");
    assertThat(bad.exitCode()).isEqualTo(1);
    assertThat(bad.err()).contains("(unknown_method)");
    LiveCli.Run empty =
        cli.withStdin(
            "\n", "webhooks", "set", "--customer", "acme", "--forge", "gitlab", "--method", "json");
    assertThat(empty.exitCode()).isEqualTo(1);
    assertThat(empty.err()).contains("(invalid_webhook_secret)");

    assertThat(cli.oncell("webhooks", "delete", "--customer", "acme", "--forge", "github").out())
        .contains("Deleted the github webhook of acme");
    LiveCli.Run again = cli.oncell("webhooks", "delete", "--customer", "acme", "--forge", "github");
    assertThat(again.exitCode()).isEqualTo(1);
    assertThat(again.err()).contains("(webhook_not_found)");
    assertThat(cli.host.webhooks().list("acme")).isEmpty();
  }
}
