package dev.oncell.llm;

import dev.oncell.llm.internal.DefaultRouter;
import java.time.Clock;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Sends requests to the configured providers through LangChain4j. Thread-safe; one per host.
 *
 * <p>Every call ends within the configured timeout. Answers 429 and 5xx, and refused connections,
 * are retried up to {@code max_retries} times, after the pause the provider asked for ({@code
 * Retry-After}) or an exponential backoff, never longer than {@code max_retry_wait}. Failures are
 * {@link LlmException}s with a stable code.
 */
public interface LlmRouter extends AutoCloseable {

  /** A router over {@code config}; {@code $VAR} values are looked up in {@code variables}. */
  static LlmRouter create(LlmConfig config, VariableResolver variables) {
    return new DefaultRouter(config, variables, Sleeper.system(), Clock.systemUTC());
  }

  /** With an injected sleeper and clock, for tests. */
  static LlmRouter create(
      LlmConfig config, VariableResolver variables, Sleeper sleeper, Clock clock) {
    return new DefaultRouter(config, variables, sleeper, clock);
  }

  LlmConfig config();

  /**
   * The provider and model for a call's {@code model} option: empty for the default provider's
   * model; a provider's name ({@code local}) for its model; {@code provider/model}; or a model id,
   * routed to the provider that lists it, else {@code gpt-*}, {@code o1*}/{@code o3*}/{@code o4*}
   * to an OpenAI provider and {@code claude-*} to an Anthropic one.
   *
   * @throws LlmException {@code llm_not_configured}, {@code llm_unknown_provider} or {@code
   *     llm_unknown_model}
   */
  Route route(Optional<String> model);

  /** Sends {@code request} and waits for the whole answer. */
  LlmReply chat(Route route, LlmRequest request);

  /**
   * Sends {@code request} and streams the answer: {@code onDelta} gets each piece of text as it
   * arrives, on the calling thread or another. A failure before the first piece is retried like
   * {@link #chat}; one after it is not, so no piece is sent twice.
   */
  LlmReply stream(Route route, LlmRequest request, Consumer<String> onDelta);

  /** How many HTTP requests went to providers since the router was made (retries included). */
  long requestsSent();

  @Override
  void close();
}
