package dev.oncell.client;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Reads the run events of one open event stream, hands each to a consumer, and stops after the
 * run's last event ({@code result} or {@code error}) or at the end of the stream. Always closes the
 * stream, so a consumer that throws drops the connection (the run goes on on the server).
 */
final class RunEventStream {

  /**
   * What a stream delivered.
   *
   * @param result the run's outcome, if its last event arrived
   * @param lastEventId the id of the last event delivered, 0 if none
   */
  record Outcome(Optional<RunResult> result, long lastEventId) {}

  private static final ObjectReader STRICT =
      WireFormat.MAPPER
          .readerFor(JsonNode.class)
          .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  private RunEventStream() {}

  static Outcome read(Transport.Stream stream, Consumer<RunEvent> onEvent) {
    long lastEventId = 0;
    try (stream) {
      SseReader reader = new SseReader(stream.body());
      for (Optional<SseReader.Message> message = reader.next();
          message.isPresent();
          message = reader.next()) {
        RunEvent event = event(message.get(), lastEventId);
        // Parsed before delivery: a malformed last event fails the call instead of the consumer.
        Optional<RunResult> result =
            event.last() ? Optional.of(RunWireFormat.runResult(event.data())) : Optional.empty();
        onEvent.accept(event);
        lastEventId = event.id();
        if (result.isPresent()) {
          return new Outcome(result, lastEventId);
        }
      }
      return new Outcome(Optional.empty(), lastEventId);
    } catch (InterruptedIOException e) {
      Thread.currentThread().interrupt();
      throw new OncellApiException(
          0, "interrupted", "interrupted while reading events from " + stream.uri(), e);
    } catch (IOException e) {
      throw new OncellApiException(
          0,
          "disconnected",
          "lost the event stream from "
              + stream.uri()
              + " after event "
              + lastEventId
              + ": "
              + Transport.describe(e),
          e);
    } catch (WireFormat.MalformedException e) {
      throw new OncellApiException(
          stream.status(),
          "bad_response",
          "unexpected event from " + stream.uri() + ": " + e.getMessage(),
          e);
    }
  }

  private static RunEvent event(SseReader.Message message, long previousId) {
    long id;
    if (message.lastEventId().isEmpty()) {
      id = previousId;
    } else {
      try {
        id = Long.parseLong(message.lastEventId());
      } catch (NumberFormatException e) {
        throw new WireFormat.MalformedException(
            "event id '" + message.lastEventId() + "' is not a number");
      }
    }
    return new RunEvent(id, message.type(), data(message.data()));
  }

  /** The data as JSON; text that is not exactly one JSON value becomes a JSON string. */
  private static JsonNode data(String text) {
    try {
      JsonNode node = STRICT.readValue(text);
      if (node != null && !node.isMissingNode()) {
        return node;
      }
    } catch (IOException e) {
      // Not JSON: kept as text below.
    }
    return TextNode.valueOf(text);
  }
}
