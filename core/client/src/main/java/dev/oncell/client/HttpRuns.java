package dev.oncell.client;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/** {@link Runs} over {@code /v1/runs}. */
final class HttpRuns implements Runs {

  static final String LAST_EVENT_ID = "Last-Event-ID";

  private final Transport transport;

  HttpRuns(Transport transport) {
    this.transport = transport;
  }

  private static String runPath(String runId) {
    return "/v1/runs/" + PathSegments.segment("run id", runId);
  }

  @Override
  public Run get(String runId) {
    return transport.get(runPath(runId)).json(RunWireFormat::run);
  }

  @Override
  public List<Run> list(String customer) {
    return transport
        .get("/v1/runs?customer=" + PathSegments.segment("customer id", customer))
        .json(RunWireFormat::runs);
  }

  @Override
  public Run cancel(String runId) {
    return transport.post(runPath(runId) + "/cancel").json(RunWireFormat::run);
  }

  @Override
  public void events(String runId, long afterId, Consumer<RunEvent> onEvent) {
    Objects.requireNonNull(onEvent, "onEvent");
    if (afterId < 0) {
      throw new IllegalArgumentException("afterId must not be negative: " + afterId);
    }
    Map<String, String> headers =
        afterId > 0 ? Map.of(LAST_EVENT_ID, Long.toString(afterId)) : Map.of();
    RunEventStream.read(
        transport.openStream("GET", runPath(runId) + "/events", Optional.empty(), headers),
        onEvent);
  }
}
