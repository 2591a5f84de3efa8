package dev.oncell.client;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/** {@link Agents} over {@code /v1/agents/{method}} and {@code /v1/agents/{method}/stream}. */
final class HttpAgents implements Agents {

  static final String IDEMPOTENCY_KEY = "Idempotency-Key";

  private final Transport transport;

  HttpAgents(Transport transport) {
    this.transport = transport;
  }

  private static String methodPath(String method) {
    return "/v1/agents/" + PathSegments.segment("method", method);
  }

  @Override
  public RunResult call(
      String method, String customer, JsonNode input, Optional<String> idempotencyKey) {
    Objects.requireNonNull(idempotencyKey, "idempotencyKey");
    return transport
        .sendJson(
            "POST",
            methodPath(method),
            request(customer, input),
            Optional.empty(),
            idempotencyKey.map(key -> Map.of(IDEMPOTENCY_KEY, key)).orElse(Map.of()))
        .json(RunWireFormat::runResult);
  }

  @Override
  public RunResult stream(
      String method, String customer, JsonNode input, Consumer<RunEvent> onEvent) {
    Objects.requireNonNull(onEvent, "onEvent");
    Transport.Stream stream =
        transport.openStream(
            "POST",
            methodPath(method) + "/stream",
            Optional.of(request(customer, input)),
            Map.of());
    RunEventStream.Outcome outcome = RunEventStream.read(stream, onEvent);
    return outcome
        .result()
        .orElseThrow(
            () ->
                new OncellApiException(
                    0,
                    "disconnected",
                    "the event stream from "
                        + stream.uri()
                        + " ended before the run's result (last event "
                        + outcome.lastEventId()
                        + ")"));
  }

  @Override
  public String start(String method, String customer, JsonNode input) {
    try (Transport.Stream stream =
        transport.openStream(
            "POST",
            methodPath(method) + "/stream",
            Optional.of(request(customer, input)),
            Map.of())) {
      // The run goes on on the server once the stream is closed; its events stay readable.
      return stream
          .headers()
          .firstValue(RUN_ID_HEADER)
          .orElseThrow(
              () ->
                  new OncellApiException(
                      stream.status(),
                      "bad_response",
                      "the server started a run without saying its id (" + RUN_ID_HEADER + ")"));
    }
  }

  static final String RUN_ID_HEADER = "X-Oncell-Run-Id";

  private static JsonNode request(String customer, JsonNode input) {
    Objects.requireNonNull(customer, "customer");
    Objects.requireNonNull(input, "input");
    return RunWireFormat.callRequest(customer, input);
  }
}
