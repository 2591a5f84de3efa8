package dev.oncell.client;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Tokens spent through {@code ctx.llm} by a customer or a deployment in the current budget period.
 *
 * @param subject the customer's or the deployment's id
 * @param period {@code day}, {@code month} or {@code total}
 * @param since the first day (UTC) of the period
 * @param budget the period's budget, empty when unlimited
 * @param remaining what is left of it
 */
public record TokenUsage(
    String subject,
    String period,
    LocalDate since,
    long requests,
    long inputTokens,
    long outputTokens,
    long totalTokens,
    Optional<Long> budget,
    Optional<Long> remaining,
    List<ModelUsage> byModel) {

  public TokenUsage {
    Objects.requireNonNull(subject, "subject");
    Objects.requireNonNull(period, "period");
    Objects.requireNonNull(since, "since");
    Objects.requireNonNull(budget, "budget");
    Objects.requireNonNull(remaining, "remaining");
    byModel = List.copyOf(Objects.requireNonNull(byModel, "byModel"));
  }

  /** The tokens of one provider and model. */
  public record ModelUsage(
      String provider, String model, long requests, long inputTokens, long outputTokens) {}
}
