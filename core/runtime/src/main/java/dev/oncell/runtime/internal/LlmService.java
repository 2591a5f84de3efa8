package dev.oncell.runtime.internal;

import dev.oncell.llm.LlmConfig;
import dev.oncell.llm.LlmException;
import dev.oncell.llm.LlmRouter;
import dev.oncell.llm.VariableResolver;
import dev.oncell.runtime.CellException;
import dev.oncell.runtime.HostConfig;

/**
 * The host's LLM routing: one router over the config file's {@code llm} section, whose {@code $VAR}
 * values come from the operator's secrets, then the environment.
 */
final class LlmService implements AutoCloseable {

  private final LlmRouter router;

  private LlmService(LlmRouter router) {
    this.router = router;
  }

  /**
   * Reads the config file and makes the router.
   *
   * @throws CellException {@code llm_config_invalid} naming the file and line of a mistake
   */
  static LlmService open(HostConfig config, VariableResolver secrets) {
    LlmConfig llm;
    try {
      llm = LlmConfig.load(config.configFile());
    } catch (LlmException e) {
      throw new CellException(CellException.Kind.INVALID, e.code(), e.getMessage(), e);
    }
    return new LlmService(LlmRouter.create(llm, secrets.orElse(config.environment())));
  }

  LlmRouter router() {
    return router;
  }

  LlmConfig config() {
    return router.config();
  }

  /** An {@link LlmException} as the runtime reports failures. */
  static CellException failure(LlmException e) {
    return new CellException(
        e.retryable() ? CellException.Kind.UNAVAILABLE : CellException.Kind.INVALID,
        e.code(),
        e.getMessage(),
        e);
  }

  @Override
  public void close() {
    router.close();
  }
}
