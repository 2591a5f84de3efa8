package dev.oncell.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class StreamCommandTest extends CliTestSupport {

  static final String ROUTE = "POST /v1/agents/analyze/stream";

  static final String EVENTS =
      """
      : connected

      id: 1
      event: started
      data: {"method": "analyze"}

      id: 2
      event: shell
      data: {"stream": "stdout", "line": "loading sales.csv"}

      id: 3
      event: step
      data: {"orchestrator": "main", "step": "load", "status": "done", "progress": 0.5}

      id: 4
      event: step
      data: {"step": "chart", "status": "running"}

      id: 5
      event: chart
      data: {"points":
      data:   [1, 2]}

      id: 6
      event: result
      data: {"runId": "r-1", "status": "succeeded", "result": {"rows": 3}, "error": null}

      """;

  static final String FAILING =
      """
      id: 1
      event: started
      data: {}

      id: 2
      event: error
      data: {"runId": "r-3", "status": "failed", "result": null, "error": {"code": "agent_error", "message": "boom"}}

      """;

  private final ObjectMapper mapper = new ObjectMapper();

  @Test
  void printsOneLinePerEvent_thenTheResult() throws Exception {
    server.onEvents(ROUTE, EVENTS);

    Run run = run("stream", "analyze", "--customer", "acme", "--input", "{\"q\": 1}");

    assertThat(run.exitCode()).as(run.toString()).isZero();
    assertThat(run.out().lines())
        .containsExactly(
            "[started] {\"method\":\"analyze\"}",
            "loading sales.csv",
            "step load done 50%",
            "step chart running",
            "[chart] {\"points\":[1,2]}",
            "{",
            "  \"rows\" : 3",
            "}");
    assertThat(server.lastRequest().header("Accept")).contains("text/event-stream");
    assertThat(mapper.readTree(server.lastRequest().body()))
        .isEqualTo(mapper.readTree("{\"customer\": \"acme\", \"input\": {\"q\": 1}}"));
  }

  @Test
  void json_printsEveryEventAsOneJsonLine() throws Exception {
    server.onEvents(ROUTE, EVENTS);

    Run run = run("stream", "analyze", "--customer", "acme", "--json");

    assertThat(run.exitCode()).as(run.toString()).isZero();
    assertThat(run.out().lines()).hasSize(6);
    assertThat(mapper.readTree(run.out().lines().toList().get(1)))
        .isEqualTo(
            mapper.readTree(
                """
                {"id": 2, "type": "shell",
                 "data": {"stream": "stdout", "line": "loading sales.csv"}}
                """));
    assertThat(mapper.readTree(run.out().lines().toList().getLast()).path("type").asText())
        .isEqualTo("result");
  }

  @Test
  void aFailedRun_printsItsEventsThenOneErrorLine_andExitsOne() {
    server.onEvents(ROUTE, FAILING);

    Run run = run("stream", "analyze", "--customer", "acme");

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.out().lines()).containsExactly("[started] {}");
    assertThat(run.err())
        .isEqualTo("oncell: run r-3 failed: boom (agent_error)" + System.lineSeparator());
  }

  @Test
  void aStreamCutBeforeTheResult_isADisconnect() {
    server.onEvents(ROUTE, "id: 1\nevent: started\ndata: {}\n\n");

    Run run = run("stream", "analyze", "--customer", "acme");

    assertThat(run.exitCode()).as("like an unreachable server").isEqualTo(3);
    assertThat(run.out().lines()).containsExactly("[started] {}");
    assertThat(run.err()).startsWith("oncell: ").contains("(disconnected)");
    assertThat(run.err().lines()).hasSize(1);
  }

  @Test
  void unknownMethod_isAnApiError() {
    server.onJson(
        "POST /v1/agents/nope/stream",
        404,
        "{\"error\": {\"code\": \"unknown_method\", \"message\": \"no method nope\"}}");

    Run run = run("stream", "nope", "--customer", "acme");

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err())
        .isEqualTo("oncell: no method nope (unknown_method)" + System.lineSeparator());
  }
}
