package dev.oncell.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CustomersCommandTest extends CliTestSupport {

  private static final String BETA =
      """
      {"id": "beta", "state": "PAUSED", "agent": "coder", "env": "staging", "config": {},
       "setupRunId": "r-7", "error": null,
       "createdAt": "2026-11-23T00:00:00Z", "lastActiveAt": "2026-11-23T00:00:01Z"}
      """;

  private final ObjectMapper mapper = new ObjectMapper();

  @Test
  void list_printsAnAlignedTable() {
    server.onJson("GET /v1/customers", 200, "{\"customers\": [" + ACME + "," + BETA + "]}");

    Run run = run("customers", "list");

    assertThat(run.exitCode()).as(run.toString()).isZero();
    assertThat(run.out().lines())
        .containsExactly(
            "ID    STATE   AGENT  ENV         CREATED               LAST ACTIVE",
            "acme  ACTIVE  -      production  2026-11-22T04:00:00Z  2026-11-22T05:30:00Z",
            "beta  PAUSED  coder  staging     2026-11-23T00:00:00Z  2026-11-23T00:00:01Z");
    assertThat(server.lastRequest().header("Authorization")).contains("Bearer " + KEY);
  }

  @Test
  void list_withJson_printsTheServersJson() throws Exception {
    String body = "{\"customers\": [" + ACME + "," + BETA + "]}";
    server.onJson("GET /v1/customers", 200, body);

    Run run = run("customers", "list", "--json");

    assertThat(run.exitCode()).as(run.toString()).isZero();
    assertThat(mapper.readTree(run.out())).isEqualTo(mapper.readTree(body));
  }

  @Test
  void get_withJson_printsOneCustomerObject() throws Exception {
    server.onJson("GET /v1/customers/acme", 200, ACME);

    Run run = run("customers", "get", "acme", "--json");

    assertThat(mapper.readTree(run.out())).isEqualTo(mapper.readTree(ACME));
  }

  @Test
  void create_sendsTheConfigJson() throws Exception {
    server.onJson("POST /v1/customers", 201, ACME);

    Run run = run("customers", "create", "acme", "--config", "{\"plan\": \"pro\"}");

    assertThat(run.exitCode()).as(run.toString()).isZero();
    assertThat(run.out()).startsWith("ID ").contains("acme  ACTIVE");
    assertThat(mapper.readTree(server.lastRequest().body()))
        .isEqualTo(mapper.readTree("{\"id\":\"acme\",\"config\":{\"plan\":\"pro\"}}"));
  }

  @Test
  void create_withAgentEnvAndWait_sendsThemAndWaits() throws Exception {
    server.onJson("POST /v1/customers?wait=true", 201, BETA.replace("PAUSED", "ACTIVE"));

    Run run = run("customers", "create", "beta", "--agent", "coder", "--env", "staging", "--wait");

    assertThat(run.exitCode()).as(run.toString()).isZero();
    assertThat(run.out()).contains("beta  ACTIVE  coder  staging");
    assertThat(mapper.readTree(server.lastRequest().body()))
        .isEqualTo(
            mapper.readTree("{\"id\": \"beta\", \"agent\": \"coder\", \"env\": \"staging\"}"));
  }

  @Test
  void create_whoseSetupFailed_printsTheCustomerThenOneErrorLine_andExitsOne() throws Exception {
    String failed =
        """
        {"id": "acme", "state": "FAILED", "agent": "coder", "env": "production", "config": {},
         "setupRunId": "r-9", "error": {"code": "setup_failed", "message": "clone failed"},
         "createdAt": "2026-11-22T04:00:00Z", "lastActiveAt": "2026-11-22T04:00:00Z"}
        """;
    server.onJson("POST /v1/customers?wait=true", 201, failed);

    Run run = run("customers", "create", "acme", "--agent", "coder", "--wait");
    Run json = run("customers", "create", "acme", "--agent", "coder", "--wait", "--json");

    assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
    assertThat(run.out()).contains("acme  FAILED  coder");
    assertThat(run.err())
        .isEqualTo(
            "oncell: the setup of customer acme failed: clone failed (setup_failed)"
                + System.lineSeparator());
    assertThat(json.exitCode()).as("--json: the error is in the JSON").isEqualTo(1);
    assertThat(json.err()).isEmpty();
    assertThat(mapper.readTree(json.out())).isEqualTo(mapper.readTree(failed));
  }

  @Test
  void create_withInvalidConfigJson_isAUsageErrorWithoutARequest() {
    Run run = run("customers", "create", "acme", "--config", "{plan: pro");

    assertThat(run.exitCode()).as(run.toString()).isEqualTo(2);
    assertThat(run.err()).contains("--config is not valid JSON");
    assertThat(server.requests()).isEmpty();
  }

  @Test
  void pause_resume_delete() {
    server.onJson("POST /v1/customers/acme/pause", 200, ACME.replace("ACTIVE", "PAUSED"));
    server.onJson("POST /v1/customers/acme/resume", 200, ACME);
    server.on("DELETE /v1/customers/acme", 204, Map.of(), new byte[0]);

    assertThat(run("customers", "pause", "acme").out()).contains("acme  PAUSED");
    assertThat(run("customers", "resume", "acme").out()).contains("acme  ACTIVE");
    Run delete = run("customers", "delete", "acme");

    assertThat(delete.exitCode()).isZero();
    assertThat(delete.out()).isEqualTo("Deleted customer acme" + System.lineSeparator());
  }
}
