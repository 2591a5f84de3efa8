package dev.oncell.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.Optional;

/**
 * One record of a run's journal, as {@code GET /v1/runs/:id/journal} shows it.
 *
 * @param status {@code started} (a side effect under way), {@code done} or {@code failed}
 */
public record RunStep(
    long seq,
    String kind,
    String name,
    String requestHash,
    String status,
    Optional<JsonNode> result,
    Optional<RunError> error,
    Instant at) {}
