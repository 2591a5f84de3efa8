package dev.oncell.client.wire;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * A run's record ({@code GET /v1/runs/:id}): the fields of {@link RunOutcomeJson} followed by who
 * ran what. {@code finishedAt} is {@code null} while the run goes on.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record RunJson(
    @JsonUnwrapped RunOutcomeJson outcome,
    String customer,
    String agent,
    String version,
    String deploymentId,
    String method,
    JsonNode input,
    String createdAt,
    String finishedAt) {}
