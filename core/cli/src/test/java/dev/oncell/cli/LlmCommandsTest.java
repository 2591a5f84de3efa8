package dev.oncell.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.oncell.llm.VariableResolver;
import dev.oncell.llm.testing.StandIn;
import dev.oncell.llm.testing.Wire;
import dev.oncell.runtime.Cells;
import dev.oncell.runtime.PluginJars;
import dev.oncell.runtime.fixtures.TestHost;
import dev.oncell.runtime.testagents.PlannerAgent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code oncell cells inspect} and {@code oncell usage} against a real server and a stand-in model.
 */
class LlmCommandsTest {

  @RegisterExtension
  final TestHost oncell =
      TestHost.create(c -> c.withEmbeddingModel("none").withEnvironment(VariableResolver.none()));

  /** The CLI user's home. */
  @TempDir Path tmp;

  private LiveCli cli;
  private final StandIn openai = StandIn.start();

  @BeforeEach
  void start() throws Exception {
    Files.writeString(
        oncell.home().resolve("oncell.yaml"),
        """
        llm:
          budgets: { customer: 1000 }
          providers:
            openai: { api_key: $OPENAI_API_KEY, model: gpt-4o, base_url: %s }
        """
            .formatted(openai.v1()));
    cli = new LiveCli(oncell, tmp.resolve("user"));
    cli.host
        .deployments()
        .deploy(PluginJars.plugin("planner", "1.0.0", PlannerAgent.class), "production");
    var info =
        cli.host
            .cells()
            .create(
                new Cells.NewCell(
                    "acme",
                    new ObjectMapper().createObjectNode(),
                    Optional.of("planner"),
                    "production"));
    cli.host.runs().await(info.setupRunId().orElseThrow());
  }

  @AfterEach
  void stop() {
    cli.close();
    openai.close();
  }

  @Test
  void aSecretSetWithTheCliFeedsTheModelAndUsageShowsInInspect() throws Exception {
    assertThat(cli.oncell("secrets", "set", "OPENAI_API_KEY=sk-cli-0123456789").exitCode())
        .isZero();
    openai.then(Wire.openAiText("gpt-4o-2024-08-06", "hello", 120, 30));
    LiveCli.Run run =
        cli.oncell("run", "ask", "--customer", "acme", "--input", "{\"prompt\":\"hi\"}");
    assertThat(run.exitCode()).as(run.toString()).isZero();
    assertThat(openai.last().header("Authorization")).contains("Bearer sk-cli-0123456789");

    LiveCli.Run inspect = cli.oncell("cells", "inspect", "acme");
    assertThat(inspect.exitCode()).as(inspect.toString()).isZero();
    assertThat(inspect.out())
        .contains("customer  acme")
        .contains("150 tokens (120 in, 30 out) in 1 requests; budget 1000, 850 left")
        .contains("gpt-4o-2024-08-06");

    JsonNode json =
        new ObjectMapper().readTree(cli.oncell("cells", "inspect", "acme", "--json").out());
    assertThat(json.path("usage").path("totalTokens").asLong()).isEqualTo(150);
    assertThat(json.path("customer").path("id").asText()).isEqualTo("acme");

    LiveCli.Run usage = cli.oncell("usage", "--customer", "acme");
    assertThat(usage.out()).contains("150 tokens");
    LiveCli.Run neither = cli.oncell("usage");
    assertThat(neither.exitCode()).isEqualTo(2);
    LiveCli.Run unknown = cli.oncell("cells", "inspect", "nobody");
    assertThat(unknown.exitCode()).isEqualTo(1);
    assertThat(unknown.err()).contains("(not_found)");
  }
}
