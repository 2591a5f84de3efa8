package dev.oncell.client.wire;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** Every error answer: {@code {"error": {"code", "message"[, "errorId"]}}}. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ErrorJson(ErrorDetail error) {}
