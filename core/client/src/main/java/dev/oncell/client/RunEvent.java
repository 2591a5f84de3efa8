package dev.oncell.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Objects;
import java.util.Optional;

/**
 * One event of a run, as sent over server-sent events.
 *
 * <p>Types the platform sends: {@code started}; {@code shell} ({@code {"stream": "stdout" |
 * "stderr", "line"}}); {@code step} ({@code {"orchestrator"?, "step", "status", "progress"?}}, the
 * progress from 0 to 1); then, last, exactly one of {@code result} and {@code error}, whose data is
 * the run's {@link RunResult}. Agents may send events of any other type.
 *
 * @param id the event's sequence number in its run, from 1; resume after it with {@link
 *     Runs#events(String, long, java.util.function.Consumer)}
 * @param type the event's type
 * @param data the event's data, any JSON value (a JSON string when the server sent text that is not
 *     JSON)
 */
public record RunEvent(long id, String type, JsonNode data) {

  public RunEvent {
    Objects.requireNonNull(type, "type");
    data = Objects.requireNonNull(data, "data").deepCopy();
  }

  /** Whether this is the run's last event: {@code result} or {@code error}. */
  public boolean last() {
    return type.equals("result") || type.equals("error");
  }

  /**
   * The run's outcome, if this is its last event.
   *
   * @throws OncellApiException with code {@code bad_response} if the last event's data is not a run
   *     result
   */
  public Optional<RunResult> runResult() {
    if (!last()) {
      return Optional.empty();
    }
    try {
      return Optional.of(RunWireFormat.runResult(data));
    } catch (WireFormat.MalformedException e) {
      throw new OncellApiException(
          200, "bad_response", "the " + type + " event is not a run result: " + e.getMessage(), e);
    }
  }

  /** This event as one JSON object: {@code {"id", "type", "data"}}. */
  public ObjectNode toJson() {
    return RunWireFormat.toJson(this);
  }
}
