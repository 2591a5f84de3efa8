package dev.oncell.llm.internal;

import dev.langchain4j.exception.HttpException;
import dev.langchain4j.http.client.HttpClient;
import dev.langchain4j.http.client.HttpClientBuilder;
import dev.langchain4j.http.client.HttpRequest;
import dev.langchain4j.http.client.SuccessfulHttpResponse;
import dev.langchain4j.http.client.sse.ServerSentEventListener;
import dev.langchain4j.http.client.sse.ServerSentEventParser;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The HTTP client LangChain4j's models use here, on the JDK's client. Unlike LangChain4j's own, it
 * keeps {@code Retry-After} of an error answer, and it works synchronously on the calling thread
 * (streaming included), so that the router bounds a whole request with one timeout and stops it by
 * interrupting that thread. It counts the requests it sends.
 */
final class ProviderHttpClient implements HttpClient {

  private static final int MAX_ERROR_BODY = 64 * 1024;

  private final java.net.http.HttpClient http;
  private final Duration readTimeout;
  private final Clock clock;
  private final AtomicLong sent;

  private ProviderHttpClient(
      java.net.http.HttpClient http, Duration readTimeout, Clock clock, AtomicLong sent) {
    this.http = http;
    this.readTimeout = readTimeout;
    this.clock = clock;
    this.sent = sent;
  }

  /** Builds clients that share one JDK client and one request counter. */
  static final class Builder implements HttpClientBuilder {
    private final java.net.http.HttpClient http;
    private final Clock clock;
    private final AtomicLong sent;
    private Duration connectTimeout = Duration.ofSeconds(10);
    private Duration readTimeout = Duration.ofSeconds(60);

    Builder(java.net.http.HttpClient http, Clock clock, AtomicLong sent) {
      this.http = http;
      this.clock = clock;
      this.sent = sent;
    }

    @Override
    public Duration connectTimeout() {
      return connectTimeout;
    }

    @Override
    public HttpClientBuilder connectTimeout(Duration value) {
      if (value != null) {
        connectTimeout = value;
      }
      return this;
    }

    @Override
    public Duration readTimeout() {
      return readTimeout;
    }

    @Override
    public HttpClientBuilder readTimeout(Duration value) {
      if (value != null) {
        readTimeout = value;
      }
      return this;
    }

    @Override
    public HttpClient build() {
      return new ProviderHttpClient(http, readTimeout, clock, sent);
    }
  }

  /** The JDK client every provider shares: HTTP/1.1, virtual threads, no redirects to follow. */
  static java.net.http.HttpClient jdkClient(Duration connectTimeout) {
    return java.net.http.HttpClient.newBuilder()
        .version(java.net.http.HttpClient.Version.HTTP_1_1)
        .connectTimeout(connectTimeout)
        .executor(
            Executors.newThreadPerTaskExecutor(
                Thread.ofVirtual().name("oncell-llm-http-", 0).factory()))
        .build();
  }

  @Override
  public SuccessfulHttpResponse execute(HttpRequest request) throws HttpException {
    HttpResponse<byte[]> response = send(request, HttpResponse.BodyHandlers.ofByteArray());
    byte[] body = response.body();
    if (response.statusCode() / 100 != 2) {
      throw failure(response, new String(body, StandardCharsets.UTF_8));
    }
    return SuccessfulHttpResponse.builder()
        .statusCode(response.statusCode())
        .headers(response.headers().map())
        .body(body)
        .build();
  }

  @Override
  public void execute(
      HttpRequest request, ServerSentEventParser parser, ServerSentEventListener listener) {
    HttpResponse<InputStream> response;
    try {
      response = send(request, HttpResponse.BodyHandlers.ofInputStream());
    } catch (RuntimeException e) {
      listener.onError(e);
      return;
    }
    try (InputStream in = response.body()) {
      if (response.statusCode() / 100 != 2) {
        byte[] body = in.readNBytes(MAX_ERROR_BODY);
        listener.onError(failure(response, new String(body, StandardCharsets.UTF_8)));
        return;
      }
      listener.onOpen(
          SuccessfulHttpResponse.builder()
              .statusCode(response.statusCode())
              .headers(response.headers().map())
              .build());
      parser.parse(in, listener);
      if (Thread.currentThread().isInterrupted()) {
        listener.onError(new InterruptedIOException("interrupted while streaming"));
        return;
      }
      listener.onClose();
    } catch (IOException | RuntimeException e) {
      listener.onError(e);
    }
  }

  private <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler) {
    java.net.http.HttpRequest.Builder builder =
        java.net.http.HttpRequest.newBuilder(URI.create(request.url())).timeout(readTimeout);
    for (Map.Entry<String, List<String>> header : request.headers().entrySet()) {
      for (String value : header.getValue()) {
        builder.header(header.getKey(), value);
      }
    }
    builder.method(
        request.method().name(),
        request.body() == null
            ? java.net.http.HttpRequest.BodyPublishers.noBody()
            : java.net.http.HttpRequest.BodyPublishers.ofString(request.body()));
    sent.incrementAndGet();
    try {
      return http.send(builder.build(), handler);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new UncheckedIOException(new InterruptedIOException("interrupted"));
    }
  }

  private ProviderHttpException failure(HttpResponse<?> response, String body) {
    return new ProviderHttpException(response.statusCode(), body, retryAfter(response));
  }

  /** {@code retry-after-ms}, else {@code Retry-After} in seconds or as an HTTP date. */
  private Optional<Duration> retryAfter(HttpResponse<?> response) {
    Optional<String> millis = response.headers().firstValue("retry-after-ms");
    if (millis.isPresent()) {
      try {
        return Optional.of(Duration.ofMillis(Math.max(0, (long) Double.parseDouble(millis.get()))));
      } catch (NumberFormatException e) {
        // fall through to Retry-After
      }
    }
    Optional<String> value = response.headers().firstValue("retry-after").map(String::strip);
    if (value.isEmpty()) {
      return Optional.empty();
    }
    try {
      double seconds = Double.parseDouble(value.get());
      return Optional.of(Duration.ofMillis(Math.max(0, (long) (seconds * 1000))));
    } catch (NumberFormatException e) {
      try {
        Instant at =
            ZonedDateTime.parse(value.get(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        Duration wait = Duration.between(clock.instant(), at);
        return Optional.of(wait.isNegative() ? Duration.ZERO : wait);
      } catch (DateTimeParseException notADate) {
        return Optional.empty();
      }
    }
  }
}
