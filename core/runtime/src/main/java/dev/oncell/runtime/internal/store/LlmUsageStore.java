package dev.oncell.runtime.internal.store;

import dev.oncell.llm.TokenBudgets;
import dev.oncell.llm.TokenUsage;
import dev.oncell.runtime.CellException;
import dev.oncell.runtime.UsageReport;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Tokens spent per customer, deployment, provider, model and UTC day, in the control plane; and the
 * budget checks made before each request to a model. A request is refused once a budget is used up;
 * the one that crosses it is allowed to finish, so usage may end a little over a budget.
 */
public final class LlmUsageStore {

  private static final LocalDate EPOCH = LocalDate.of(1970, 1, 1);

  private final ControlPlane controlPlane;
  private final Clock clock;

  public LlmUsageStore(ControlPlane controlPlane, Clock clock) {
    this.controlPlane = controlPlane;
    this.clock = clock;
  }

  public void record(
      String customer, String deployment, String provider, String model, TokenUsage usage) {
    LocalDate day = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
    try (Connection c = controlPlane.connection();
        PreparedStatement s =
            c.prepareStatement(
                "MERGE INTO llm_usage t USING (VALUES (CAST(? AS VARCHAR(63)), CAST(? AS"
                    + " VARCHAR(40)), CAST(? AS VARCHAR(40)), CAST(? AS VARCHAR(200)), CAST(? AS"
                    + " DATE), CAST(? AS BIGINT), CAST(? AS BIGINT))) AS v(customer_id,"
                    + " deployment_id, provider, model, usage_day, input_tokens, output_tokens)"
                    + " ON t.customer_id = v.customer_id AND t.deployment_id = v.deployment_id AND"
                    + " t.provider = v.provider AND t.model = v.model AND t.usage_day = v.usage_day"
                    + " WHEN MATCHED THEN UPDATE SET t.requests = t.requests + 1, t.input_tokens ="
                    + " t.input_tokens + v.input_tokens, t.output_tokens = t.output_tokens +"
                    + " v.output_tokens WHEN NOT MATCHED THEN INSERT (customer_id, deployment_id,"
                    + " provider, model, usage_day, requests, input_tokens, output_tokens) VALUES"
                    + " (v.customer_id, v.deployment_id, v.provider, v.model, v.usage_day, 1,"
                    + " v.input_tokens, v.output_tokens)")) {
      s.setString(1, customer);
      s.setString(2, deployment);
      s.setString(3, ControlPlane.truncate(provider, 40));
      s.setString(4, ControlPlane.truncate(model, 200));
      s.setDate(5, Date.valueOf(day));
      s.setLong(6, usage.inputTokens());
      s.setLong(7, usage.outputTokens());
      s.executeUpdate();
    } catch (SQLException e) {
      throw ControlPlane.failure("record LLM usage of " + customer, e);
    }
  }

  /**
   * Refuses a request when the customer or the deployment has used up its budget.
   *
   * @throws CellException {@code llm_budget_exceeded} (CONFLICT)
   */
  public void checkBudgets(TokenBudgets budgets, String customer, String deployment) {
    if (budgets.customer().isPresent()) {
      check(budgets, "customer", customer, budgets.customer().get());
    }
    if (budgets.deployment().isPresent() && !deployment.isEmpty()) {
      check(budgets, "deployment", deployment, budgets.deployment().get());
    }
  }

  private void check(TokenBudgets budgets, String kind, String id, long budget) {
    LocalDate since = since(budgets.period());
    long used = report(kind, id, budgets, Optional.of(budget)).totalTokens();
    if (used >= budget) {
      String renews =
          switch (budgets.period()) {
            case DAY -> "; it renews on " + since.plusDays(1);
            case MONTH -> "; it renews on " + since.plusMonths(1);
            case TOTAL -> "";
          };
      throw CellException.conflict(
          "llm_budget_exceeded",
          kind
              + " '"
              + id
              + "' has used "
              + used
              + " of its "
              + budget
              + " tokens"
              + period(budgets.period())
              + " (llm.budgets."
              + kind
              + ")"
              + renews);
    }
  }

  private static String period(TokenBudgets.Period p) {
    return switch (p) {
      case DAY -> " today";
      case MONTH -> " this month";
      case TOTAL -> "";
    };
  }

  public UsageReport report(String kind, String id, TokenBudgets budgets, Optional<Long> budget) {
    LocalDate since = since(budgets.period());
    String column = kind.equals("customer") ? "customer_id" : "deployment_id";
    List<UsageReport.ModelUsage> byModel = new ArrayList<>();
    long requests = 0;
    long input = 0;
    long output = 0;
    try (Connection c = controlPlane.connection();
        PreparedStatement s =
            c.prepareStatement(
                "SELECT provider, model, SUM(requests), SUM(input_tokens), SUM(output_tokens) FROM"
                    + " llm_usage WHERE "
                    + column
                    + " = ? AND usage_day >= ? GROUP BY provider, model ORDER BY provider, model")) {
      s.setString(1, id);
      s.setDate(2, Date.valueOf(since));
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          UsageReport.ModelUsage m =
              new UsageReport.ModelUsage(
                  rs.getString(1), rs.getString(2), rs.getLong(3), rs.getLong(4), rs.getLong(5));
          byModel.add(m);
          requests += m.requests();
          input += m.inputTokens();
          output += m.outputTokens();
        }
      }
    } catch (SQLException e) {
      throw ControlPlane.failure("read LLM usage of " + id, e);
    }
    return new UsageReport(
        id,
        budgets.period().name().toLowerCase(Locale.ROOT),
        since,
        requests,
        input,
        output,
        budget,
        byModel);
  }

  public void forgetCustomer(String customer) {
    try (Connection c = controlPlane.connection();
        PreparedStatement s = c.prepareStatement("DELETE FROM llm_usage WHERE customer_id = ?")) {
      s.setString(1, customer);
      s.executeUpdate();
    } catch (SQLException e) {
      throw ControlPlane.failure("delete LLM usage of " + customer, e);
    }
  }

  private LocalDate since(TokenBudgets.Period period) {
    LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
    return switch (period) {
      case DAY -> today;
      case MONTH -> today.withDayOfMonth(1);
      case TOTAL -> EPOCH;
    };
  }
}
