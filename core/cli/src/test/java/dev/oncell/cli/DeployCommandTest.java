package dev.oncell.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class DeployCommandTest extends CliTestSupport {

  static final String STAGING =
      """
      {"id": "d-1", "agent": "data-analysis", "version": "1.0.0", "env": "staging",
       "sha256": "abc123", "methods": ["analyze", "summarize"], "active": true,
       "createdAt": "2026-11-22T04:00:00Z"}
      """;

  static final String PRODUCTION =
      STAGING.replace("\"staging\"", "\"production\"").replace("d-1", "d-2");

  private final ObjectMapper mapper = new ObjectMapper();

  @Test
  void deploy_uploadsTheJarToItsEnv_andPrintsAgentVersionEnvMethods() throws Exception {
    server.onJson("POST /v1/deployments?env=staging", 201, STAGING);
    byte[] jarBytes = {'P', 'K', 3, 4, 1, 2};
    Path jar = Files.write(home.resolve("data-analysis-1.0.0.jar"), jarBytes);

    Run run = run("deploy", "--env", "staging", jar.toString());

    assertThat(run.exitCode()).as(run.toString()).isZero();
    assertThat(run.out().lines())
        .containsExactly(
            "AGENT          VERSION  ENV      ACTIVE  METHODS            ID   CREATED",
            "data-analysis  1.0.0    staging  yes     analyze,summarize  d-1  2026-11-22T04:00:00Z");
    assertThat(server.lastRequest().body()).isEqualTo(jarBytes);
    assertThat(server.lastRequest().header("Content-Type")).contains("application/java-archive");
  }

  @Test
  void deploy_defaultsToStaging_andJsonPrintsTheDeployment() throws Exception {
    server.onJson("POST /v1/deployments?env=staging", 201, STAGING);
    Path jar = Files.write(home.resolve("a.jar"), new byte[] {1});

    Run run = run("deploy", jar.toString(), "--json");

    assertThat(run.exitCode()).as(run.toString()).isZero();
    assertThat(mapper.readTree(run.out())).isEqualTo(mapper.readTree(STAGING));
  }

  @Test
  void deploy_ofANonPlugin_printsTheServersErrorAndExitsOne() throws Exception {
    server.onJson(
        "POST /v1/deployments?env=staging",
        400,
        "{\"error\": {\"code\": \"invalid_plugin\", \"message\": \"no plugin descriptor\"}}");
    Path jar = Files.write(home.resolve("not-a-plugin.jar"), new byte[] {1});

    Run run = run("deploy", jar.toString());

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err())
        .isEqualTo("oncell: no plugin descriptor (invalid_plugin)" + System.lineSeparator());
  }

  @Test
  void deploy_ofAMissingJar_failsWithoutARequest() {
    Run run = run("deploy", home.resolve("nope.jar").toString());

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err()).startsWith("oncell: no such file: ").contains("nope.jar");
    assertThat(server.requests()).isEmpty();
  }

  @Test
  void deploy_withoutJar_outsideAMavenProject_isAUsageError() throws Exception {
    Path empty = Files.createDirectories(home.resolve("empty"));

    Run run = run("deploy", "--project", empty.toString());

    assertThat(run.exitCode()).as(run.toString()).isEqualTo(2);
    assertThat(run.err()).contains("no pom.xml in").contains("(no_project)");
    assertThat(server.requests()).isEmpty();
  }

  @Test
  void deploymentsList_tableAndJson() throws Exception {
    String body = "{\"deployments\": [%s, %s]}".formatted(PRODUCTION, STAGING);
    server.onJson("GET /v1/deployments", 200, body);

    Run table = run("deployments", "list");
    Run json = run("deployments", "list", "--json");

    assertThat(table.exitCode()).as(table.toString()).isZero();
    assertThat(table.out().lines())
        .hasSize(3)
        .element(1)
        .asString()
        .startsWith("data-analysis  1.0.0    production  yes     analyze,summarize  d-2");
    assertThat(mapper.readTree(json.out())).isEqualTo(mapper.readTree(body));
  }

  @Test
  void promote_sendsFromToAndAgent_andPrintsWhatIsNowActive() throws Exception {
    server.onJson(
        "POST /v1/deployments/promote", 200, "{\"promoted\": [%s]}".formatted(PRODUCTION));

    Run run = run("promote", "staging", "production", "--agent", "data-analysis");

    assertThat(run.exitCode()).as(run.toString()).isZero();
    assertThat(run.out()).contains("data-analysis  1.0.0    production  yes");
    assertThat(mapper.readTree(server.lastRequest().body()))
        .isEqualTo(
            mapper.readTree(
                "{\"from\": \"staging\", \"to\": \"production\", \"agent\": \"data-analysis\"}"));
  }

  @Test
  void promote_withoutTo_isAUsageError() {
    assertThat(run("promote", "staging").exitCode()).isEqualTo(2);
    assertThat(server.requests()).isEmpty();
  }
}
