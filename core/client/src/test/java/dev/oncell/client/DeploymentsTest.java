package dev.oncell.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DeploymentsTest extends ClientTestSupport {

  static final String STAGING =
      """
      {"id": "d-1", "agent": "data-analysis", "version": "1.0.0", "env": "staging",
       "sha256": "abc123", "methods": ["analyze", "summarize"], "active": true,
       "createdAt": "2026-11-22T04:00:00Z"}
      """;

  private final ObjectMapper mapper = new ObjectMapper();

  @Test
  void deploy_sendsTheRawJarAsJavaArchiveToItsEnv() throws Exception {
    server.onJson("POST /v1/deployments?env=staging", 201, STAGING);
    byte[] jar = {'P', 'K', 3, 4, 0, (byte) 0xFF};

    Deployment deployment = client.deployments().deploy(jar, "staging");

    assertThat(deployment)
        .isEqualTo(
            new Deployment(
                "d-1",
                "data-analysis",
                "1.0.0",
                "staging",
                "abc123",
                List.of("analyze", "summarize"),
                true,
                Instant.parse("2026-11-22T04:00:00Z")));
    CannedServer.Recorded request = server.lastRequest();
    assertThat(request.body()).as("the jar's bytes, unchanged").isEqualTo(jar);
    assertThat(request.header("Content-Type")).contains("application/java-archive");
    assertThat(request.header("Authorization")).contains("Bearer " + KEY);
    assertThat(deployment.toJson()).isEqualTo(mapper.readTree(STAGING));
  }

  @Test
  void deploy_ofANonPlugin_failsWithTheServersCode() {
    server.onJson(
        "POST /v1/deployments?env=production",
        400,
        "{\"error\": {\"code\": \"invalid_plugin\", \"message\": \"no plugin descriptor\"}}");

    OncellApiException e =
        catchThrowableOfType(
            OncellApiException.class,
            () -> client.deployments().deploy(new byte[] {1}, "production"));

    assertThat(e.status()).isEqualTo(400);
    assertThat(e.code()).isEqualTo("invalid_plugin");
    assertThat(e.retryable()).isFalse();
  }

  @Test
  void list_parsesEveryDeployment() {
    server.onJson(
        "GET /v1/deployments",
        200,
        "{\"deployments\": [%s, %s]}"
            .formatted(STAGING, STAGING.replace("d-1", "d-0").replace("true", "false")));

    List<Deployment> deployments = client.deployments().list();

    assertThat(deployments).extracting(Deployment::id).containsExactly("d-1", "d-0");
    assertThat(deployments).extracting(Deployment::active).containsExactly(true, false);
  }

  @Test
  void promote_sendsFromTo_andTheAgentOnlyWhenGiven() throws Exception {
    server.onJson(
        "POST /v1/deployments/promote",
        200,
        "{\"promoted\": [%s]}".formatted(STAGING.replace("\"staging\"", "\"production\"")));

    List<Deployment> all = client.deployments().promote("staging", "production");
    List<Deployment> one =
        client.deployments().promote("staging", "production", Optional.of("data-analysis"));

    assertThat(all).extracting(Deployment::env).containsExactly("production");
    assertThat(one).hasSize(1);
    assertThat(server.requests())
        .extracting(r -> mapper.readTree(r.body()))
        .containsExactly(
            mapper.readTree("{\"from\": \"staging\", \"to\": \"production\"}"),
            mapper.readTree(
                "{\"from\": \"staging\", \"to\": \"production\", \"agent\": \"data-analysis\"}"));
  }
}
