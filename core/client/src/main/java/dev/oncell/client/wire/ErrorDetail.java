package dev.oncell.client.wire;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * {@code {"code", "message"}}: why a request, a run or a customer's setup failed. {@code errorId}
 * (only in a 500's answer) names the server log record with the cause.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ErrorDetail(
    String code, String message, @JsonInclude(JsonInclude.Include.NON_NULL) String errorId) {

  public static ErrorDetail of(String code, String message) {
    return new ErrorDetail(code, message, null);
  }
}
