package dev.oncell.llm.internal;

import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import dev.oncell.llm.LlmConfig;
import dev.oncell.llm.LlmException;
import dev.oncell.llm.LlmReply;
import dev.oncell.llm.LlmRequest;
import dev.oncell.llm.LlmRouter;
import dev.oncell.llm.ProviderConfig;
import dev.oncell.llm.Route;
import dev.oncell.llm.Sleeper;
import dev.oncell.llm.VariableResolver;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * The router: resolves the provider's key, runs each attempt on its own virtual thread bounded by
 * the timeout, and retries what is worth retrying.
 */
public final class DefaultRouter implements LlmRouter {

  static final Duration FIRST_BACKOFF = Duration.ofSeconds(1);

  private final LlmConfig config;
  private final VariableResolver variables;
  private final Sleeper sleeper;
  private final AtomicLong sent = new AtomicLong();
  private final java.net.http.HttpClient jdk;
  private final Clients clients;
  private final ExecutorService attempts =
      Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("oncell-llm-call-", 0).factory());

  public DefaultRouter(LlmConfig config, VariableResolver variables, Sleeper sleeper, Clock clock) {
    this.config = Objects.requireNonNull(config, "config");
    this.variables = Objects.requireNonNull(variables, "variables");
    this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
    Objects.requireNonNull(clock, "clock");
    this.jdk = ProviderHttpClient.jdkClient(Duration.ofSeconds(10));
    this.clients = new Clients(() -> new ProviderHttpClient.Builder(jdk, clock, sent));
  }

  @Override
  public LlmConfig config() {
    return config;
  }

  @Override
  public Route route(Optional<String> model) {
    return ModelRouting.route(config, model);
  }

  @Override
  public LlmReply chat(Route route, LlmRequest request) {
    return call(route, request, Optional.empty());
  }

  @Override
  public LlmReply stream(Route route, LlmRequest request, Consumer<String> onDelta) {
    return call(route, request, Optional.of(Objects.requireNonNull(onDelta, "onDelta")));
  }

  @Override
  public long requestsSent() {
    return sent.get();
  }

  private LlmReply call(Route route, LlmRequest request, Optional<Consumer<String>> deltas) {
    ProviderConfig provider =
        config
            .provider(route.provider())
            .orElseThrow(
                () ->
                    LlmException.terminal(
                        LlmException.UNKNOWN_PROVIDER,
                        "provider '" + route.provider() + "' is not configured in llm.providers"));
    String apiKey =
        provider
            .apiKey()
            .map(k -> k.resolve(variables, "llm.providers." + provider.name() + ".api_key"))
            .orElse("none");
    List<String> secrets = List.of(apiKey);
    clients.retain(provider, apiKey);
    Duration timeout = provider.timeout().orElse(config.timeout());
    ChatRequest chatRequest = Conversions.request(route, request);
    AtomicBoolean emitted = new AtomicBoolean();
    Duration backoff = FIRST_BACKOFF;
    for (int attempt = 1; ; attempt++) {
      Failures.Mapped failure;
      try {
        ChatResponse response =
            attempt(route, provider, apiKey, timeout, chatRequest, deltas, emitted);
        return Conversions.reply(route, response);
      } catch (Throwable t) {
        failure = Failures.map(t, route, provider, timeout, secrets);
      }
      LlmException e = failure.exception();
      boolean last = attempt > config.maxRetries();
      if (!e.retryable() || emitted.get()) {
        throw e;
      }
      if (last) {
        throw new LlmException(
            e.code(), e.getMessage() + "; gave up after " + attempt + " attempts", true);
      }
      Duration wait = failure.retryAfter().orElse(backoff);
      if (wait.compareTo(config.maxRetryWait()) > 0) {
        if (failure.retryAfter().isPresent()) {
          throw new LlmException(
              e.code(),
              e.getMessage()
                  + "; it asks to retry after "
                  + Failures.human(wait)
                  + ", longer than llm.max_retry_wait ("
                  + Failures.human(config.maxRetryWait())
                  + ")",
              true);
        }
        wait = config.maxRetryWait();
      }
      try {
        sleeper.sleep(wait);
      } catch (InterruptedException interrupted) {
        Thread.currentThread().interrupt();
        throw new LlmException(
            LlmException.CANCELLED, "interrupted while waiting to retry " + route, false);
      }
      backoff = backoff.multipliedBy(2);
    }
  }

  private ChatResponse attempt(
      Route route,
      ProviderConfig provider,
      String apiKey,
      Duration timeout,
      ChatRequest request,
      Optional<Consumer<String>> deltas,
      AtomicBoolean emitted)
      throws Throwable {
    AtomicBoolean open = new AtomicBoolean(true);
    Future<ChatResponse> future =
        attempts.submit(
            () -> {
              if (deltas.isEmpty()) {
                return clients.chat(provider, apiKey, timeout).chat(request);
              }
              CompletableFuture<ChatResponse> done = new CompletableFuture<>();
              clients
                  .streaming(provider, apiKey, timeout)
                  .chat(
                      request,
                      new StreamingChatResponseHandler() {
                        @Override
                        public void onPartialResponse(String text) {
                          if (text != null && !text.isEmpty() && open.get()) {
                            emitted.set(true);
                            deltas.get().accept(text);
                          }
                        }

                        @Override
                        public void onCompleteResponse(ChatResponse response) {
                          done.complete(response);
                        }

                        @Override
                        public void onError(Throwable error) {
                          done.completeExceptionally(error);
                        }
                      });
              try {
                return done.get();
              } catch (ExecutionException e) {
                throw e.getCause() instanceof Exception cause ? cause : e;
              }
            });
    try {
      return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      open.set(false);
      future.cancel(true);
      throw Failures.timeout(route, Optional.of(timeout));
    } catch (ExecutionException e) {
      throw e.getCause();
    } catch (InterruptedException e) {
      open.set(false);
      future.cancel(true);
      Thread.currentThread().interrupt();
      throw new LlmException(
          LlmException.CANCELLED, "interrupted while waiting for " + route, false);
    }
  }

  @Override
  public void close() {
    attempts.shutdownNow();
    jdk.shutdownNow();
  }
}
