package dev.oncell.client.wire;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * LLM token usage in the current budget period ({@code GET /v1/customers/:id/usage} or {@code GET
 * /v1/deployments/:id/usage}): the subject is in {@code customer} or {@code deployment}, the other
 * left out. {@code since} is a date; {@code budget} and {@code remaining} are {@code null} without
 * a budget.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record UsageJson(
    @JsonInclude(JsonInclude.Include.NON_NULL) String customer,
    @JsonInclude(JsonInclude.Include.NON_NULL) String deployment,
    String period,
    String since,
    long requests,
    long inputTokens,
    long outputTokens,
    long totalTokens,
    Long budget,
    Long remaining,
    List<ModelUsage> byModel) {

  /** Usage of one provider and model. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record ModelUsage(
      String provider, String model, long requests, long inputTokens, long outputTokens) {}
}
