package dev.oncell.client.wire;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * How a run ended (or stands): the answer of {@code POST /v1/agents/:method}, and the data of a
 * stream's last event. {@code result} and {@code error} are JSON {@code null} when absent.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record RunOutcomeJson(String runId, String status, JsonNode result, ErrorDetail error) {}
