package dev.oncell.runtime.internal.llm;

import dev.oncell.llm.LlmConfig;
import dev.oncell.llm.LlmException;
import dev.oncell.llm.LlmReply;
import dev.oncell.llm.LlmRouter;
import dev.oncell.llm.VariableResolver;
import dev.oncell.runtime.CellException;
import dev.oncell.runtime.HostConfig;
import dev.oncell.runtime.UsageReport;
import dev.oncell.runtime.internal.store.LlmUsageStore;

/**
 * The host's LLM routing: one router over the config file's {@code llm} section, whose {@code $VAR}
 * values come from the operator's secrets, then the environment.
 */
public final class LlmService implements AutoCloseable {

  private final LlmRouter router;
  private final LlmUsageStore usage;

  private LlmService(LlmRouter router, LlmUsageStore usage) {
    this.router = router;
    this.usage = usage;
  }

  /**
   * Reads the config file and makes the router.
   *
   * @throws CellException {@code llm_config_invalid} naming the file and line of a mistake
   */
  public static LlmService open(HostConfig config, VariableResolver secrets, LlmUsageStore usage) {
    LlmConfig llm;
    try {
      llm = LlmConfig.load(config.configFile());
    } catch (LlmException e) {
      throw CellException.from(e);
    }
    return new LlmService(LlmRouter.create(llm, secrets.orElse(config.environment())), usage);
  }

  LlmRouter router() {
    return router;
  }

  LlmConfig config() {
    return router.config();
  }

  /**
   * Refuses a request of {@code customer} under {@code deployment} once either has used up its
   * token budget.
   */
  void checkBudgets(String customer, String deployment) {
    usage.checkBudgets(config().budgets(), customer, deployment);
  }

  /** Counts what a request spent. */
  void spent(String customer, String deployment, LlmReply reply) {
    usage.record(customer, deployment, reply.provider(), reply.model(), reply.usage());
  }

  public UsageReport customerUsage(String customer) {
    return usage.report("customer", customer, config().budgets(), config().budgets().customer());
  }

  public UsageReport deploymentUsage(String deployment) {
    return usage.report(
        "deployment", deployment, config().budgets(), config().budgets().deployment());
  }

  public void forgetCustomer(String customer) {
    usage.forgetCustomer(customer);
  }

  @Override
  public void close() {
    router.close();
  }
}
