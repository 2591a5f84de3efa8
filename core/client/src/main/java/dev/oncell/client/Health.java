package dev.oncell.client;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Objects;

/**
 * What {@code GET /health} answered.
 *
 * @param status {@code ok} when the server is healthy
 * @param body the whole response body, including any fields beyond {@code status}
 */
public record Health(String status, JsonNode body) {

  public Health {
    Objects.requireNonNull(status, "status");
    body = Objects.requireNonNull(body, "body").deepCopy();
  }

  /** Whether the server reported {@code ok}. */
  public boolean ok() {
    return status.equals("ok");
  }
}
