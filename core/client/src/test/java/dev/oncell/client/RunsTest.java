package dev.oncell.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RunsTest extends ClientTestSupport {

  static final String RUN =
      """
      {"runId": "r-1", "customer": "acme", "agent": "data-analysis", "version": "1.0.0",
       "method": "analyze", "status": "succeeded", "input": {"q": "sales"},
       "result": {"rows": 3}, "error": null,
       "createdAt": "2026-11-22T04:00:00Z", "finishedAt": "2026-11-22T04:00:05Z"}
      """;

  static final String RUNNING =
      """
      {"runId": "r-2", "customer": "acme", "agent": "data-analysis", "version": "1.0.0",
       "method": "analyze", "status": "running", "input": null, "result": null, "error": null,
       "createdAt": "2026-11-22T05:00:00Z", "finishedAt": null}
      """;

  private final ObjectMapper mapper = new ObjectMapper();

  @Test
  void get_parsesEveryField_andToJsonGivesTheWireFormatBack() throws Exception {
    server.onJson("GET /v1/runs/r-1", 200, RUN);

    Run run = client.runs().get("r-1");

    assertThat(run.runId()).isEqualTo("r-1");
    assertThat(run.customer()).isEqualTo("acme");
    assertThat(run.method()).isEqualTo("analyze");
    assertThat(run.finished()).isTrue();
    assertThat(run.input()).isEqualTo(mapper.readTree("{\"q\": \"sales\"}"));
    assertThat(run.result()).contains(mapper.readTree("{\"rows\": 3}"));
    assertThat(run.finishedAt()).contains(Instant.parse("2026-11-22T04:00:05Z"));
    assertThat(run.toJson()).isEqualTo(mapper.readTree(RUN));
  }

  @Test
  void list_asksForTheCustomersRuns_newestFirstAsSent() throws Exception {
    server.onJson(
        "GET /v1/runs?customer=acme%20co", 200, "{\"runs\": [%s, %s]}".formatted(RUNNING, RUN));

    List<Run> runs = client.runs().list("acme co");

    assertThat(runs).extracting(Run::runId).containsExactly("r-2", "r-1");
    assertThat(runs.getFirst().finished()).isFalse();
    assertThat(runs.getFirst().finishedAt()).isEmpty();
    assertThat(runs.getFirst().toJson()).isEqualTo(mapper.readTree(RUNNING));
  }

  @Test
  void events_fromTheStart_sendsNoLastEventId() {
    server.onEvents(
        "GET /v1/runs/r-1/events",
        "id: 1\nevent: started\ndata: {}\n\nid: 2\nevent: result\ndata: "
            + RUN.strip().replace("\n", " ")
            + "\n\n");
    List<RunEvent> events = new ArrayList<>();

    client.runs().events("r-1", events::add);

    assertThat(events).extracting(RunEvent::id).containsExactly(1L, 2L);
    assertThat(server.lastRequest().header("Last-Event-ID")).isEmpty();
    assertThat(server.lastRequest().header("Accept")).contains("text/event-stream");
  }

  @Test
  void events_afterAnId_sendsItAsLastEventId() {
    server.onEvents(
        "GET /v1/runs/r-1/events",
        ": resumed\n\nid: 8\nevent: shell\ndata: {\"stream\": \"stderr\", \"line\": \"w\"}\n\n");
    List<RunEvent> events = new ArrayList<>();

    client.runs().events("r-1", 7, events::add);

    assertThat(server.lastRequest().header("Last-Event-ID")).contains("7");
    assertThat(events).extracting(RunEvent::id).containsExactly(8L);
  }

  @Test
  void events_returnWhenTheServerEndsTheStream_evenWithoutAResult() {
    server.onEvents("GET /v1/runs/r-1/events", "");

    List<RunEvent> events = new ArrayList<>();
    client.runs().events("r-1", 99, events::add);

    assertThat(events).as("nothing after event 99").isEmpty();
  }

  @Test
  void events_stopAfterTheLastEvent_evenIfTheServerKeepsTalking() {
    server.onEvents(
        "GET /v1/runs/r-1/events",
        "id: 1\nevent: result\ndata: {\"runId\": \"r-1\", \"status\": \"succeeded\"}\n\n"
            + "id: 2\nevent: stray\ndata: {}\n\n");
    List<RunEvent> events = new ArrayList<>();

    client.runs().events("r-1", events::add);

    assertThat(events).extracting(RunEvent::type).containsExactly("result");
  }

  @Test
  void events_ofAnUnknownRun_throws() {
    server.onJson(
        "GET /v1/runs/r-x/events",
        404,
        "{\"error\": {\"code\": \"not_found\", \"message\": \"no run r-x\"}}");

    assertThatThrownBy(() -> client.runs().events("r-x", e -> {}))
        .isInstanceOfSatisfying(
            OncellApiException.class, e -> assertThat(e.code()).isEqualTo("not_found"));
  }

  @Test
  void events_withANegativeAfterId_isRejectedBeforeAnyRequest() {
    assertThatThrownBy(() -> client.runs().events("r-1", -1, e -> {}))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(server.requests()).isEmpty();
  }

  @Test
  void runEventToJson_isIdTypeAndData() throws Exception {
    RunEvent event = new RunEvent(3, "step", mapper.readTree("{\"step\": \"load\"}"));

    assertThat(mapper.readTree(event.toJson().toString()))
        .as("the id is a long on our side, an int once parsed: compare the text")
        .isEqualTo(
            mapper.readTree("{\"id\": 3, \"type\": \"step\", \"data\": {\"step\": \"load\"}}"));
    assertThat(event.last()).isFalse();
    assertThat(event.runResult()).isEmpty();
  }
}
