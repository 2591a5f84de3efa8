package dev.oncell.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.TextNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class AgentsTest extends ClientTestSupport {

  static final String SUCCEEDED =
      """
      {"runId": "r-1", "status": "succeeded", "result": {"rows": 3}, "error": null}
      """;

  static final String STREAM =
      """
      : connected

      id: 1
      event: started
      data: {"method": "analyze"}

      id: 2
      event: shell
      data: {"stream": "stdout", "line": "hello"}

      id: 3
      event: step
      data: {"orchestrator": "main", "step": "load", "status": "done", "progress": 0.5}

      id: 4
      event: chart
      data: {"points":
      data:  [1, 2]}

      id: 5
      event: result
      data: {"runId": "r-1", "status": "succeeded", "result": {"rows": 3}, "error": null}

      """;

  private final ObjectMapper mapper = new ObjectMapper();

  @Test
  void call_postsCustomerAndInput_andParsesTheResult() throws Exception {
    server.onJson("POST /v1/agents/analyze", 200, SUCCEEDED);

    RunResult result =
        client.agents().call("analyze", "acme", mapper.readTree("{\"q\": \"sales\"}"));

    assertThat(result.runId()).isEqualTo("r-1");
    assertThat(result.succeeded()).isTrue();
    assertThat(result.result()).contains(mapper.readTree("{\"rows\": 3}"));
    assertThat(result.error()).isEmpty();
    assertThat(result.toJson()).isEqualTo(mapper.readTree(SUCCEEDED));
    CannedServer.Recorded request = server.lastRequest();
    assertThat(mapper.readTree(request.body()))
        .isEqualTo(mapper.readTree("{\"customer\": \"acme\", \"input\": {\"q\": \"sales\"}}"));
    assertThat(request.header("Idempotency-Key")).as("no key unless given").isEmpty();
  }

  @Test
  void call_withAnIdempotencyKey_sendsTheHeader() {
    server.onJson("POST /v1/agents/analyze", 200, SUCCEEDED);

    client.agents().call("analyze", "acme", TextNode.valueOf("x"), Optional.of("order-42"));

    assertThat(server.lastRequest().header("Idempotency-Key")).contains("order-42");
  }

  @Test
  void call_ofARunThatFailed_isAResultNotAnException() {
    server.onJson(
        "POST /v1/agents/analyze",
        200,
        """
        {"runId": "r-2", "status": "timed_out", "result": null,
         "error": {"code": "timed_out", "message": "the run took longer than 60 s"}}
        """);

    RunResult result = client.agents().call("analyze", "acme", mapper.nullNode());

    assertThat(result.succeeded()).isFalse();
    assertThat(result.status()).isEqualTo("timed_out");
    assertThat(result.result()).isEmpty();
    assertThat(result.error()).contains(new ApiError("timed_out", "the run took longer than 60 s"));
  }

  @Test
  void call_refusedBeforeARunStarts_throwsWithTheServersCode() {
    server.onJson(
        "POST /v1/agents/analyze",
        409,
        "{\"error\": {\"code\": \"run_in_progress\", \"message\": \"acme is busy\"}}");

    OncellApiException e =
        catchThrowableOfType(
            OncellApiException.class,
            () -> client.agents().call("analyze", "acme", mapper.nullNode()));

    assertThat(e.status()).isEqualTo(409);
    assertThat(e.code()).isEqualTo("run_in_progress");
  }

  @Test
  void call_encodesTheMethodAsOneSegment() {
    server.onJson("POST /v1/agents/a%2Fb%20c", 200, SUCCEEDED);

    client.agents().call("a/b c", "acme", mapper.nullNode());

    assertThat(server.lastRequest().rawPath()).isEqualTo("/v1/agents/a%2Fb%20c");
  }

  @Test
  void stream_deliversEveryEventInOrder_andReturnsTheResult() throws Exception {
    server.onEvents("POST /v1/agents/analyze/stream", STREAM);
    List<RunEvent> events = new ArrayList<>();

    RunResult result =
        client.agents().stream("analyze", "acme", mapper.readTree("{\"q\": 1}"), events::add);

    assertThat(result.runId()).isEqualTo("r-1");
    assertThat(result.succeeded()).isTrue();
    assertThat(events)
        .extracting(RunEvent::id, RunEvent::type)
        .containsExactly(
            tuple(1L, "started"),
            tuple(2L, "shell"),
            tuple(3L, "step"),
            tuple(4L, "chart"),
            tuple(5L, "result"));
    assertThat(events.get(1).data().path("line").asText()).isEqualTo("hello");
    assertThat(events.get(3).data())
        .as("multi-line data joined with a newline is still JSON")
        .isEqualTo(mapper.readTree("{\"points\": [1, 2]}"));
    assertThat(events.getLast().last()).isTrue();
    assertThat(events.getLast().runResult()).contains(result);
    CannedServer.Recorded request = server.lastRequest();
    assertThat(request.header("Accept")).contains("text/event-stream");
    assertThat(mapper.readTree(request.body()))
        .isEqualTo(mapper.readTree("{\"customer\": \"acme\", \"input\": {\"q\": 1}}"));
  }

  @Test
  void stream_endingWithAnErrorEvent_returnsTheFailedResult() {
    server.onEvents(
        "POST /v1/agents/analyze/stream",
        """
        id: 1
        event: started
        data: {}

        id: 2
        event: error
        data: {"runId": "r-3", "status": "failed", "result": null, "error": {"code": "agent_error", "message": "boom"}}

        """);

    RunResult result = client.agents().stream("analyze", "acme", mapper.nullNode(), e -> {});

    assertThat(result.status()).isEqualTo("failed");
    assertThat(result.error()).contains(new ApiError("agent_error", "boom"));
  }

  @Test
  void stream_thatEndsBeforeTheResult_isADisconnectNamingTheLastEvent() {
    server.onEvents(
        "POST /v1/agents/analyze/stream", "id: 1\nevent: started\ndata: {}\n\nid: 2\ndata: x\n\n");

    OncellApiException e =
        catchThrowableOfType(
            OncellApiException.class,
            () -> client.agents().stream("analyze", "acme", mapper.nullNode(), ev -> {}));

    assertThat(e.code()).isEqualTo("disconnected");
    assertThat(e.status()).isZero();
    assertThat(e.retryable()).isTrue();
    assertThat(e.getMessage()).contains("last event 2");
  }

  @Test
  @Timeout(20)
  void stream_cutMidwayByTheServer_isADisconnectAfterTheLastEventReceived() {
    server.onEvents(
        "POST /v1/agents/analyze/stream",
        out -> {
          out.write(
              "id: 1\nevent: started\ndata: {}\n\nid: 2\nda".getBytes(StandardCharsets.UTF_8));
          out.flush();
          throw new java.io.IOException("simulated crash: the chunked body is never finished");
        });
    List<RunEvent> events = new ArrayList<>();

    OncellApiException e =
        catchThrowableOfType(
            OncellApiException.class,
            () -> client.agents().stream("analyze", "acme", mapper.nullNode(), events::add));

    assertThat(events).extracting(RunEvent::id).containsExactly(1L);
    assertThat(e.code()).as(e.getMessage()).isEqualTo("disconnected");
    assertThat(e.getMessage()).contains("event 1");
  }

  @Test
  void stream_refusedBeforeARunStarts_throwsTheJsonError() {
    server.onJson(
        "POST /v1/agents/nope/stream",
        404,
        "{\"error\": {\"code\": \"unknown_method\", \"message\": \"no method nope\"}}");

    assertThatThrownBy(() -> client.agents().stream("nope", "acme", mapper.nullNode(), e -> {}))
        .isInstanceOfSatisfying(
            OncellApiException.class,
            e -> {
              assertThat(e.status()).isEqualTo(404);
              assertThat(e.code()).isEqualTo("unknown_method");
            });
  }

  @Test
  void stream_answeredWithJsonInsteadOfEvents_isABadResponse() {
    server.onJson("POST /v1/agents/analyze/stream", 200, SUCCEEDED);

    assertThatThrownBy(() -> client.agents().stream("analyze", "acme", mapper.nullNode(), e -> {}))
        .isInstanceOfSatisfying(
            OncellApiException.class, e -> assertThat(e.code()).isEqualTo("bad_response"));
  }

  @Test
  void stream_withAMalformedResultEvent_isABadResponse() {
    server.onEvents("POST /v1/agents/analyze/stream", "id: 1\nevent: result\ndata: [1]\n\n");

    assertThatThrownBy(() -> client.agents().stream("analyze", "acme", mapper.nullNode(), e -> {}))
        .isInstanceOfSatisfying(
            OncellApiException.class, e -> assertThat(e.code()).isEqualTo("bad_response"));
  }

  @Test
  void dataThatIsNotJson_arrivesAsAJsonString() {
    server.onEvents(
        "POST /v1/agents/analyze/stream",
        "id: 1\nevent: note\ndata: plain text\n\n"
            + "id: 2\nevent: result\ndata: {\"runId\": \"r\", \"status\": \"succeeded\"}\n\n");
    List<RunEvent> events = new ArrayList<>();

    client.agents().stream("analyze", "acme", mapper.nullNode(), events::add);

    assertThat(events.getFirst().data()).isEqualTo(TextNode.valueOf("plain text"));
  }

  @Test
  @Timeout(20)
  void stream_deliversEachEventAsItArrives_notAtTheEnd() {
    CountDownLatch firstSeen = new CountDownLatch(1);
    server.onEvents(
        "POST /v1/agents/analyze/stream",
        out -> {
          out.write("id: 1\nevent: started\ndata: {}\n\n".getBytes(StandardCharsets.UTF_8));
          out.flush();
          // The rest is only sent once the client has handed the first event over.
          if (!firstSeen.await(10, TimeUnit.SECONDS)) {
            return;
          }
          out.write(
              "id: 2\nevent: result\ndata: {\"runId\": \"r-1\", \"status\": \"succeeded\"}\n\n"
                  .getBytes(StandardCharsets.UTF_8));
        });

    RunResult result =
        client.agents().stream(
            "analyze",
            "acme",
            mapper.nullNode(),
            event -> {
              if (event.id() == 1) {
                firstSeen.countDown();
              }
            });

    assertThat(firstSeen.getCount()).as("first event delivered before the stream ended").isZero();
    assertThat(result.succeeded()).isTrue();
  }

  @Test
  void start_answersTheRunIdFromTheStreamsHeaderWithoutWaiting() {
    server.on(
        "POST /v1/agents/analyze/stream",
        200,
        Map.of("Content-Type", "text/event-stream", "X-Oncell-Run-Id", "r-9"),
        "id: 1\nevent: started\ndata: {}\n\n".getBytes(java.nio.charset.StandardCharsets.UTF_8));

    assertThat(client.agents().start("analyze", "acme", mapper.nullNode())).isEqualTo("r-9");
    assertThat(server.lastRequest().header("Accept")).contains("text/event-stream");
  }

  @Test
  void start_withoutARunIdHeader_isABadResponse() {
    server.on(
        "POST /v1/agents/analyze/stream",
        200,
        Map.of("Content-Type", "text/event-stream"),
        new byte[0]);

    OncellApiException e =
        catchThrowableOfType(
            OncellApiException.class,
            () -> client.agents().start("analyze", "acme", mapper.nullNode()));
    assertThat(e.code()).isEqualTo("bad_response");
  }
}
