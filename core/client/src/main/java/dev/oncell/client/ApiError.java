package dev.oncell.client;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Objects;

/**
 * Why a run or a customer's setup failed, as the server reports it inside a successful response:
 * {@code {"code", "message"}}. (A failed request is an {@link OncellApiException} instead.)
 *
 * @param code a stable, machine-readable code, for example {@code timed_out}
 * @param message a message for people
 */
public record ApiError(String code, String message) {

  public ApiError {
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(message, "message");
  }

  /** This error in the server's wire format. */
  public ObjectNode toJson() {
    return JsonNodeFactory.instance.objectNode().put("code", code).put("message", message);
  }
}
