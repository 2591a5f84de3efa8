package dev.oncell.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class RunsCommandTest extends CliTestSupport {

  static final String DONE =
      """
      {"runId": "r-1", "customer": "acme", "agent": "data-analysis", "version": "1.0.0",
       "method": "analyze", "status": "failed", "input": {"q": "sales"}, "result": null,
       "error": {"code": "agent_error", "message": "boom"},
       "createdAt": "2026-11-22T04:00:00Z", "finishedAt": "2026-11-22T04:00:05Z"}
      """;

  static final String RUNNING =
      """
      {"runId": "r-2", "customer": "acme", "agent": "data-analysis", "version": "1.0.1",
       "method": "summarize", "status": "running", "input": {}, "result": null, "error": null,
       "createdAt": "2026-11-22T05:00:00Z", "finishedAt": null}
      """;

  private final ObjectMapper mapper = new ObjectMapper();

  @Test
  void get_printsATableAndTheError_orTheJson() throws Exception {
    server.onJson("GET /v1/runs/r-1", 200, DONE);

    Run table = run("runs", "get", "r-1");
    Run json = run("runs", "get", "r-1", "--json");

    assertThat(table.exitCode()).as(table.toString()).isZero();
    assertThat(table.out().lines())
        .containsExactly(
            "RUN  METHOD   STATUS  AGENT          VERSION  CREATED               FINISHED",
            "r-1  analyze  failed  data-analysis  1.0.0    2026-11-22T04:00:00Z  2026-11-22T04:00:05Z",
            "Error: boom (agent_error)");
    assertThat(mapper.readTree(json.out())).isEqualTo(mapper.readTree(DONE));
  }

  @Test
  void list_asksForTheCustomer_andShowsRunningRunsWithoutFinish() throws Exception {
    String body = "{\"runs\": [%s, %s]}".formatted(RUNNING, DONE);
    server.onJson("GET /v1/runs?customer=acme", 200, body);

    Run table = run("runs", "list", "--customer", "acme");
    Run json = run("runs", "list", "--customer", "acme", "--json");

    assertThat(table.exitCode()).as(table.toString()).isZero();
    assertThat(table.out().lines())
        .hasSize(3)
        .element(1)
        .asString()
        .isEqualTo("r-2  summarize  running  data-analysis  1.0.1    2026-11-22T05:00:00Z  -");
    assertThat(mapper.readTree(json.out())).isEqualTo(mapper.readTree(body));
  }

  @Test
  void events_afterN_sendsLastEventId_andPrintsLikeStream() {
    server.onEvents(
        "GET /v1/runs/r-1/events",
        """
        id: 3
        event: shell
        data: {"stream": "stderr", "line": "warning: slow"}

        id: 4
        event: result
        data: {"runId": "r-1", "status": "succeeded", "result": "done", "error": null}

        """);

    Run run = run("runs", "events", "r-1", "--after", "2");

    assertThat(run.exitCode()).as(run.toString()).isZero();
    assertThat(run.out().lines()).containsExactly("warning: slow", "\"done\"");
    assertThat(server.lastRequest().header("Last-Event-ID")).contains("2");
  }

  @Test
  void events_ofAFailedRun_exitOne_andJsonPrintsLines() {
    server.onEvents(
        "GET /v1/runs/r-1/events",
        """
        id: 1
        event: error
        data: {"runId": "r-1", "status": "failed", "result": null, "error": {"code": "agent_error", "message": "boom"}}

        """);

    Run text = run("runs", "events", "r-1");
    Run json = run("runs", "events", "r-1", "--json");

    assertThat(text.exitCode()).isEqualTo(1);
    assertThat(text.err())
        .isEqualTo("oncell: run r-1 failed: boom (agent_error)" + System.lineSeparator());
    assertThat(server.lastRequest().header("Last-Event-ID")).as("none without --after").isEmpty();
    assertThat(json.exitCode()).isEqualTo(1);
    assertThat(json.out().lines())
        .hasSize(1)
        .first()
        .asString()
        .startsWith("{\"id\":1,\"type\":\"error\"");
    assertThat(json.err()).isEmpty();
  }

  @Test
  void events_thatEndWithoutTheLastEvent_exitZero() {
    server.onEvents("GET /v1/runs/r-1/events", "");

    Run run = run("runs", "events", "r-1", "--after", "9");

    assertThat(run.exitCode()).as(run.toString()).isZero();
    assertThat(run.out()).isEmpty();
  }
}
