package dev.oncell.client.wire;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/** {@code GET /v1/runs/:id/journal}: the run's journaled steps in order. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record JournalJson(String runId, List<Step> steps) {

  /** One step; {@code result} and {@code error} are left out when the step has none. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Step(
      long seq,
      String kind,
      String name,
      String requestHash,
      String status,
      @JsonInclude(JsonInclude.Include.NON_NULL) JsonNode result,
      @JsonInclude(JsonInclude.Include.NON_NULL) ErrorDetail error,
      String at) {}
}
