package dev.oncell.runtime;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Tokens spent through {@code ctx.llm} by one customer (or one deployment) in the current budget
 * period, counted as the providers reported them.
 *
 * @param subject the customer's id, or the deployment's
 * @param period {@code day}, {@code month} or {@code total}, from {@code llm.budgets.period}
 * @param since the first day (UTC) of the period
 * @param budget the budget for the period ({@code llm.budgets.customer} or {@code .deployment}),
 *     empty when unlimited
 * @param byModel the same counts per provider and model
 */
public record UsageReport(
    String subject,
    String period,
    LocalDate since,
    long requests,
    long inputTokens,
    long outputTokens,
    Optional<Long> budget,
    List<ModelUsage> byModel) {

  public UsageReport {
    Objects.requireNonNull(subject, "subject");
    Objects.requireNonNull(period, "period");
    Objects.requireNonNull(since, "since");
    Objects.requireNonNull(budget, "budget");
    byModel = List.copyOf(Objects.requireNonNull(byModel, "byModel"));
  }

  public long totalTokens() {
    return inputTokens + outputTokens;
  }

  /** What is left of the budget, never below zero; empty when unlimited. */
  public Optional<Long> remaining() {
    return budget.map(b -> Math.max(0, b - totalTokens()));
  }

  /** The tokens of one provider and model. */
  public record ModelUsage(
      String provider, String model, long requests, long inputTokens, long outputTokens) {}
}
