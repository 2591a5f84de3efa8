package dev.oncell.client.wire;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * A customer, as create, pause and resume answer it. {@code agent}, {@code setupRunId} and {@code
 * error} are {@code null} when absent; {@code config} is a JSON object.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record CustomerJson(
    String id,
    String state,
    String agent,
    String env,
    JsonNode config,
    String setupRunId,
    ErrorDetail error,
    String createdAt,
    String lastActiveAt) {}
