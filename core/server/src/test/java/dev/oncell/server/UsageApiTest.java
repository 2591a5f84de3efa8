package dev.oncell.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.oncell.llm.VariableResolver;
import dev.oncell.llm.testing.StandIn;
import dev.oncell.llm.testing.Wire;
import dev.oncell.runtime.PluginJars;
import dev.oncell.runtime.fixtures.TestHost;
import dev.oncell.runtime.testagents.PlannerAgent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code GET /v1/customers/:id/usage} and {@code GET /v1/deployments/:id/usage}, and budgets. */
class UsageApiTest {

  @RegisterExtension
  final TestHost oncell =
      TestHost.create(
          c ->
              c.withEmbeddingModel("none")
                  .withEnvironment(VariableResolver.of(Map.of("OPENAI_API_KEY", "sk-usage"))));

  private RunningServer api;
  private final StandIn openai = StandIn.start();

  @BeforeEach
  void start() throws Exception {
    Path home = oncell.home();
    Files.writeString(
        home.resolve("oncell.yaml"),
        """
        llm:
          budgets: { customer: 50 }
          providers:
            openai: { api_key: $OPENAI_API_KEY, model: gpt-4o, base_url: %s }
        """
            .formatted(openai.v1()));
    api = new RunningServer(oncell);
    api.host
        .deployments()
        .deploy(PluginJars.plugin("planner", "1.0.0", PlannerAgent.class), "production");
  }

  @AfterEach
  void stop() {
    api.close();
    openai.close();
  }

  @Test
  void usageIsVisiblePerCustomerAndDeploymentAndABudgetStopsCalls() {
    api.post("/v1/customers?wait=true", "{\"id\":\"acme\",\"agent\":\"planner\"}");
    api.post("/v1/customers?wait=true", "{\"id\":\"globex\",\"agent\":\"planner\"}");
    openai.then(Wire.openAiText("gpt-4o-2024-08-06", "ok", 40, 20));
    assertThat(
            api.post("/v1/agents/ask", "{\"customer\":\"acme\",\"input\":{\"prompt\":\"hi\"}}")
                .json()
                .path("status")
                .asText())
        .isEqualTo("succeeded");

    JsonNode usage = api.get("/v1/customers/acme/usage").json();
    assertThat(usage.path("customer").asText()).isEqualTo("acme");
    assertThat(usage.path("period").asText()).isEqualTo("month");
    assertThat(usage.path("requests").asLong()).isEqualTo(1);
    assertThat(usage.path("inputTokens").asLong()).isEqualTo(40);
    assertThat(usage.path("outputTokens").asLong()).isEqualTo(20);
    assertThat(usage.path("totalTokens").asLong()).isEqualTo(60);
    assertThat(usage.path("budget").asLong()).isEqualTo(50);
    assertThat(usage.path("remaining").asLong()).isZero();
    assertThat(usage.path("byModel").get(0).path("model").asText()).isEqualTo("gpt-4o-2024-08-06");
    assertThat(api.get("/v1/customers/globex/usage").json().path("totalTokens").asLong()).isZero();

    JsonNode over =
        api.post("/v1/agents/ask", "{\"customer\":\"acme\",\"input\":{\"prompt\":\"again\"}}")
            .json();
    assertThat(over.path("error").path("code").asText()).isEqualTo("llm_budget_exceeded");
    assertThat(openai.count()).isEqualTo(1);

    String deployment =
        api.get("/v1/deployments").json().path("deployments").get(0).path("id").asText();
    JsonNode all = api.get("/v1/deployments/" + deployment + "/usage").json();
    assertThat(all.path("deployment").asText()).isEqualTo(deployment);
    assertThat(all.path("totalTokens").asLong()).isEqualTo(60);
    assertThat(all.path("budget").isNull()).isTrue();

    String token = api.host.apiKeys().issueCustomerToken("acme", "editor");
    assertThat(api.call("GET", "/v1/customers/acme/usage", (byte[]) null, token).status())
        .isEqualTo(200);
    assertThat(api.call("GET", "/v1/customers/globex/usage", (byte[]) null, token).status())
        .isEqualTo(403);
    assertThat(
            api.call("GET", "/v1/deployments/" + deployment + "/usage", (byte[]) null, token)
                .status())
        .isEqualTo(403);
    assertThat(api.get("/v1/customers/nobody/usage").errorCode()).isEqualTo("not_found");
    assertThat(api.get("/v1/deployments/d-nope/usage").errorCode()).isEqualTo("not_found");
  }
}
