package dev.oncell.llm.internal;

import dev.langchain4j.exception.HttpException;
import java.time.Duration;
import java.util.Optional;

/**
 * A provider's non-2xx answer, with what LangChain4j's own {@link HttpException} leaves out: the
 * pause the provider asked for ({@code Retry-After}, {@code retry-after-ms}).
 */
final class ProviderHttpException extends HttpException {

  private final String body;
  private final transient Optional<Duration> retryAfter;

  ProviderHttpException(int status, String body, Optional<Duration> retryAfter) {
    super(status, body);
    this.body = body;
    this.retryAfter = retryAfter;
  }

  String body() {
    return body;
  }

  Optional<Duration> retryAfter() {
    return retryAfter;
  }
}
