package dev.oncell.llm;

import java.util.Objects;
import java.util.Optional;

/**
 * Token budgets from {@code llm.budgets}: the most tokens (input plus output) one customer, and one
 * deployment of an agent, may spend in a {@link Period}. Empty means unlimited.
 */
public record TokenBudgets(Optional<Long> customer, Optional<Long> deployment, Period period) {

  /** The window a budget counts in, in UTC. */
  public enum Period {
    DAY,
    MONTH,
    TOTAL
  }

  public TokenBudgets {
    Objects.requireNonNull(customer, "customer");
    Objects.requireNonNull(deployment, "deployment");
    Objects.requireNonNull(period, "period");
  }

  public static TokenBudgets unlimited() {
    return new TokenBudgets(Optional.empty(), Optional.empty(), Period.MONTH);
  }
}
