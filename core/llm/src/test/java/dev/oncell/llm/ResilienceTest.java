package dev.oncell.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.oncell.llm.testing.StandIn;
import dev.oncell.llm.testing.Wire;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Retries, timeouts and errors, with a sleeper that records instead of sleeping: 429 and 5xx are
 * retried after the provider's Retry-After or a doubling backoff, a bad key or an unknown model
 * fails at once with a clear code, a silent server times out, and a key never shows in a message.
 */
class ResilienceTest {

  private static final String KEY = "sk-test-0123456789abcdef";

  private final StandIn openai = StandIn.start();
  private final StandIn ollama = StandIn.start();
  private final List<Duration> slept = new ArrayList<>();
  private final Map<String, String> secrets =
      new ConcurrentHashMap<>(Map.of("OPENAI_API_KEY", KEY));
  private LlmRouter router = router("2s");

  private LlmRouter router(String timeout) {
    return LlmRouter.create(
        LlmConfig.parse(
            """
            llm:
              default: openai
              timeout: %s
              max_retry_wait: 10s
              providers:
                openai: { api_key: $OPENAI_API_KEY, model: gpt-4o, base_url: %s }
                local:  { base_url: %s, model: llama3 }
            """
                .formatted(timeout, openai.v1(), ollama.url()),
            "test.yaml"),
        name -> Optional.ofNullable(secrets.get(name)),
        slept::add,
        Clock.systemUTC());
  }

  @AfterEach
  void stop() {
    router.close();
    openai.close();
    ollama.close();
  }

  private LlmReply ask() {
    return router.chat(router.route(Optional.empty()), LlmRequest.of("hello"));
  }

  private LlmException failure() {
    return catchThrowableOfType(LlmException.class, this::ask);
  }

  @Test
  void a429IsRetriedAfterTheRetryAfterTheProviderAskedFor() {
    openai.then(
        Wire.openAiError(429, "Rate limit reached", "requests", "rate_limit_exceeded")
            .withHeader("Retry-After", "2"),
        Wire.openAiText("gpt-4o", "ok", 1, 1));
    assertThat(ask().text()).isEqualTo("ok");
    assertThat(openai.count()).as("one retry").isEqualTo(2);
    assertThat(slept).as("waited what Retry-After said").containsExactly(Duration.ofSeconds(2));
  }

  @Test
  void retryAfterMsIsPreferredToRetryAfter() {
    openai.then(
        Wire.openAiError(429, "slow down", "requests", null)
            .withHeader("retry-after-ms", "150")
            .withHeader("Retry-After", "1"),
        Wire.openAiText("gpt-4o", "ok", 1, 1));
    ask();
    assertThat(slept).containsExactly(Duration.ofMillis(150));
  }

  @Test
  void serverErrorsBackOffExponentiallyThenSucceed() {
    openai.then(
        Wire.openAiError(500, "boom", "server_error", null),
        Wire.openAiError(503, "overloaded", "server_error", null),
        Wire.openAiText("gpt-4o", "finally", 1, 1));
    assertThat(ask().text()).isEqualTo("finally");
    assertThat(slept).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2));
  }

  @Test
  void givesUpAfterMaxRetriesWithTheLastError() {
    for (int i = 0; i < 4; i++) {
      openai.then(
          Wire.openAiError(429, "Rate limit reached", "requests", null)
              .withHeader("Retry-After", "1"));
    }
    LlmException e = failure();
    assertThat(e.code()).isEqualTo(LlmException.RATE_LIMITED);
    assertThat(e.retryable()).isTrue();
    assertThat(e.getMessage()).contains("gave up after 4 attempts").contains("Rate limit reached");
    assertThat(openai.count()).isEqualTo(4);
    assertThat(slept).hasSize(3);
  }

  @Test
  void aRetryAfterBeyondTheLongestWaitFailsAtOnce() {
    openai.then(Wire.openAiError(429, "quota", "requests", null).withHeader("Retry-After", "3600"));
    LlmException e = failure();
    assertThat(e.code()).isEqualTo(LlmException.RATE_LIMITED);
    assertThat(e.getMessage()).contains("3600 s").contains("max_retry_wait");
    assertThat(openai.count()).isEqualTo(1);
    assertThat(slept).isEmpty();
  }

  @Test
  void aBadKeyIsA401WithTheVariableToFixAndNoRetry() {
    openai.then(
        Wire.openAiError(
            401,
            "Incorrect API key provided: " + KEY + ".",
            "invalid_request_error",
            "invalid_api_key"));
    LlmException e = failure();
    assertThat(e.code()).isEqualTo(LlmException.AUTH_FAILED);
    assertThat(e.retryable()).isFalse();
    assertThat(e.getMessage()).contains("$OPENAI_API_KEY").contains("401").doesNotContain(KEY);
    assertThat(openai.count()).isEqualTo(1);
  }

  @Test
  void aKeyEchoedInAnyErrorIsScrubbed() {
    openai.then(Wire.openAiError(400, "bad request for key " + KEY, "invalid_request_error", null));
    LlmException e = failure();
    assertThat(e.code()).isEqualTo(LlmException.BAD_REQUEST);
    assertThat(e.getMessage()).contains("bad request for key").doesNotContain(KEY);
    assertThat(openai.count()).as("a 400 is not retried").isEqualTo(1);
  }

  @Test
  void anUnknownModelIsReportedByName() {
    openai.then(
        Wire.openAiError(
            404,
            "The model `gpt-9` does not exist or you do not have access to it.",
            "invalid_request_error",
            "model_not_found"));
    LlmException e =
        catchThrowableOfType(
            LlmException.class,
            () -> router.chat(router.route(Optional.of("gpt-9")), LlmRequest.of("hi")));
    assertThat(e.code()).isEqualTo(LlmException.UNKNOWN_MODEL);
    assertThat(e.getMessage()).contains("gpt-9").contains("does not exist");

    ollama.then(Wire.ollamaError(404, "model \"llama9\" not found, try pulling it first"));
    LlmException local =
        catchThrowableOfType(
            LlmException.class,
            () -> router.chat(router.route(Optional.of("local/llama9")), LlmRequest.of("hi")));
    assertThat(local.code()).isEqualTo(LlmException.UNKNOWN_MODEL);
    assertThat(local.getMessage()).contains("llama9");
  }

  @Test
  void aServerThatNeverAnswersTimesOutWithoutRetrying() {
    router.close();
    router = router("300ms");
    openai.then(StandIn.Reply.never());
    LlmException e = failure();
    assertThat(e.code()).isEqualTo(LlmException.TIMEOUT);
    assertThat(e.getMessage()).contains("300 ms").contains("openai");
    assertThat(openai.count()).isEqualTo(1);
  }

  @Test
  void aStreamThatNeverAnswersTimesOutToo() {
    router.close();
    router = router("300ms");
    openai.then(StandIn.Reply.never());
    assertThatThrownBy(
            () -> router.stream(router.route(Optional.empty()), LlmRequest.of("hi"), d -> {}))
        .isInstanceOfSatisfying(
            LlmException.class, e -> assertThat(e.code()).isEqualTo(LlmException.TIMEOUT));
  }

  @Test
  void aRefusedConnectionIsUnavailableAfterRetries() {
    String url = ollama.url();
    ollama.close();
    LlmException e =
        catchThrowableOfType(
            LlmException.class,
            () -> router.chat(router.route(Optional.of("local")), LlmRequest.of("hi")));
    assertThat(e.code()).isEqualTo(LlmException.UNAVAILABLE);
    assertThat(e.getMessage()).contains("cannot reach provider 'local'").contains(url);
    assertThat(slept).hasSize(3);
  }

  @Test
  void aMissingVariableFailsBeforeAnyRequest() {
    secrets.remove("OPENAI_API_KEY");
    LlmException e = failure();
    assertThat(e.code()).isEqualTo(LlmException.MISSING_SECRET);
    assertThat(e.getMessage())
        .contains("$OPENAI_API_KEY")
        .contains("oncell secrets set OPENAI_API_KEY=");
    assertThat(openai.count()).isZero();
  }

  @Test
  void aReplacedKeyIsUsedOnTheNextCall() {
    openai.then(Wire.openAiText("gpt-4o", "one", 1, 1), Wire.openAiText("gpt-4o", "two", 1, 1));
    ask();
    secrets.put("OPENAI_API_KEY", "sk-rotated-key-000");
    ask();
    assertThat(openai.requests().get(0).header("Authorization")).contains("Bearer " + KEY);
    assertThat(openai.requests().get(1).header("Authorization"))
        .contains("Bearer sk-rotated-key-000");
  }

  @Test
  void aStreamIsRetriedWhenItFailsBeforeItsFirstDelta() {
    openai.then(
        Wire.openAiError(503, "busy", "server_error", null),
        Wire.openAiStream("gpt-4o", List.of("a", "b"), 1, 2));
    List<String> deltas = new ArrayList<>();
    LlmReply reply =
        router.stream(router.route(Optional.empty()), LlmRequest.of("hi"), deltas::add);
    assertThat(reply.text()).isEqualTo("ab");
    assertThat(deltas).containsExactly("a", "b");
    assertThat(openai.count()).isEqualTo(2);
  }

  @Test
  void anInterruptedCallerStopsWaiting() throws Exception {
    router.close();
    router = router("60s");
    openai.then(StandIn.Reply.never());
    List<LlmException> seen = new ArrayList<>();
    Thread caller =
        Thread.ofVirtual()
            .start(
                () -> {
                  try {
                    ask();
                  } catch (LlmException e) {
                    seen.add(e);
                  }
                });
    while (openai.count() == 0) {
      Thread.sleep(5);
    }
    caller.interrupt();
    caller.join(Duration.ofSeconds(10));
    assertThat(caller.isAlive()).as("the caller is released").isFalse();
    assertThat(seen)
        .singleElement()
        .extracting(LlmException::code)
        .isEqualTo(LlmException.CANCELLED);
  }
}
