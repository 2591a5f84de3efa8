package dev.oncell.runtime;

/** What {@code ctx.llm} calls spent, against the token budgets of {@code oncell.yaml}. */
public interface Usage {

  /**
   * A customer's usage in the current budget period.
   *
   * @throws CellException {@code not_found} for an unknown customer
   */
  UsageReport customer(String customerId);

  /**
   * A deployment's usage (all its customers) in the current budget period.
   *
   * @throws CellException {@code not_found} for an unknown deployment
   */
  UsageReport deployment(String deploymentId);
}
