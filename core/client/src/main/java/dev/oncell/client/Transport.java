package dev.oncell.client;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandler;
import java.net.http.HttpResponse.BodyHandlers;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Sends requests and turns every failure into an {@link OncellApiException}. Paths passed in must
 * already be percent-encoded and start with {@code /}. A timeout of {@code Optional.empty()} means
 * none: the call waits as long as the server works (agent runs).
 */
final class Transport implements AutoCloseable {

  static final String EVENT_STREAM = "text/event-stream";

  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
  private static final int MAX_RAW_ERROR_CHARS = 500;
  private static final int MAX_ERROR_BODY_BYTES = 64 << 10;

  /** A 2xx response. */
  record Response(URI uri, int status, HttpHeaders headers, byte[] body) {

    Optional<String> header(String name) {
      return headers.firstValue(name);
    }

    /** The body parsed as JSON and mapped by {@code parser}; a mismatch is a bad_response. */
    <T> T json(Function<JsonNode, T> parser) {
      try {
        return parser.apply(WireFormat.MAPPER.readTree(body));
      } catch (IOException | WireFormat.MalformedException e) {
        throw new OncellApiException(
            status, "bad_response", "unexpected response from " + uri + ": " + e.getMessage(), e);
      }
    }
  }

  /** A 2xx {@code text/event-stream} response whose body is still being received. */
  record Stream(URI uri, int status, HttpHeaders headers, InputStream body)
      implements AutoCloseable {

    /** Closes the body; before its end this drops the connection. */
    @Override
    public void close() {
      try {
        body.close();
      } catch (IOException e) {
        // Nothing more will be read from it either way.
      }
    }
  }

  private final HttpClient http;
  private final String base;
  private final String authorization;
  private final Duration requestTimeout;

  Transport(URI baseUrl, String apiKey, Duration requestTimeout) {
    this.http =
        HttpClient.newBuilder()
            .connectTimeout(CONNECT_TIMEOUT)
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
    String url = baseUrl.toString();
    this.base = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    this.authorization = "Bearer " + apiKey;
    this.requestTimeout = requestTimeout;
  }

  Duration requestTimeout() {
    return requestTimeout;
  }

  Response get(String path) {
    return send("GET", path, BodyPublishers.noBody(), Map.of(), Optional.of(requestTimeout));
  }

  /**
   * A GET whose body is read only up to {@code maxBytes}: a longer one is dropped unread (the
   * connection closed) and refused with 413 {@code file_too_large}, so a huge file never lands in
   * this JVM's memory. An error answer is read up to 64 KiB.
   */
  Response get(String path, long maxBytes) {
    HttpResponse<InputStream> response =
        exchange(
            "GET",
            path,
            BodyPublishers.noBody(),
            Map.of(),
            Optional.of(requestTimeout),
            BodyHandlers.ofInputStream());
    URI uri = response.request().uri();
    int status = response.statusCode();
    boolean ok = status >= 200 && status <= 299;
    long limit = ok ? maxBytes : MAX_ERROR_BODY_BYTES;
    byte[] bytes;
    try (InputStream in = response.body()) {
      bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, limit + 1));
    } catch (IOException e) {
      throw unreachable(uri, e);
    }
    if (!ok) {
      throw error(uri, status, bytes);
    }
    if (bytes.length > maxBytes) {
      String size =
          response.headers().firstValueAsLong("Content-Length").stream()
              .mapToObj(n -> n + " bytes")
              .findFirst()
              .orElse("more bytes");
      throw new OncellApiException(
          413,
          "file_too_large",
          uri.getPath() + " has " + size + "; at most " + maxBytes + " are read");
    }
    return new Response(uri, status, response.headers(), bytes);
  }

  Response delete(String path) {
    return send("DELETE", path, BodyPublishers.noBody(), Map.of(), Optional.of(requestTimeout));
  }

  Response post(String path) {
    return send("POST", path, BodyPublishers.noBody(), Map.of(), Optional.of(requestTimeout));
  }

  Response sendJson(String method, String path, JsonNode body, Duration timeout) {
    return sendJson(method, path, body, Optional.of(timeout), Map.of());
  }

  Response sendJson(
      String method,
      String path,
      JsonNode body,
      Optional<Duration> timeout,
      Map<String, String> headers) {
    return send(
        method,
        path,
        BodyPublishers.ofByteArray(WireFormat.bytes(body)),
        withContentType(headers, "application/json"),
        timeout);
  }

  Response sendBytes(String method, String path, byte[] body) {
    return sendBytes(method, path, body, "application/octet-stream");
  }

  Response sendBytes(String method, String path, byte[] body, String contentType) {
    return sendBytes(method, path, body, contentType, Map.of());
  }

  Response sendBytes(
      String method, String path, byte[] body, String contentType, Map<String, String> headers) {
    return send(
        method,
        path,
        BodyPublishers.ofByteArray(body),
        withContentType(headers, contentType),
        Optional.of(requestTimeout));
  }

  /**
   * Opens a server-sent event stream, without a time limit. {@code body} is sent as JSON when
   * present. A non-2xx answer is read in full and thrown; so is a 2xx answer that is not an event
   * stream.
   */
  Stream openStream(
      String method, String path, Optional<JsonNode> body, Map<String, String> headers) {
    Map<String, String> all = new LinkedHashMap<>(headers);
    all.put("Accept", EVENT_STREAM);
    BodyPublisher publisher = BodyPublishers.noBody();
    if (body.isPresent()) {
      publisher = BodyPublishers.ofByteArray(WireFormat.bytes(body.get()));
      all.put("Content-Type", "application/json");
    }
    HttpResponse<InputStream> response =
        exchange(method, path, publisher, all, Optional.empty(), BodyHandlers.ofInputStream());
    URI uri = response.request().uri();
    int status = response.statusCode();
    String type = response.headers().firstValue("Content-Type").orElse("");
    if (status < 200 || status > 299 || !type.toLowerCase(Locale.ROOT).startsWith(EVENT_STREAM)) {
      byte[] bytes;
      try (InputStream in = response.body()) {
        bytes = in.readAllBytes();
      } catch (IOException e) {
        throw unreachable(uri, e);
      }
      if (status < 200 || status > 299) {
        throw error(uri, status, bytes);
      }
      throw new OncellApiException(
          status,
          "bad_response",
          "expected an event stream from " + uri + " but got '" + type + "'");
    }
    return new Stream(uri, status, response.headers(), response.body());
  }

  private Response send(
      String method,
      String path,
      BodyPublisher body,
      Map<String, String> headers,
      Optional<Duration> timeout) {
    HttpResponse<byte[]> response =
        exchange(method, path, body, headers, timeout, BodyHandlers.ofByteArray());
    URI uri = response.request().uri();
    int status = response.statusCode();
    if (status < 200 || status > 299) {
      throw error(uri, status, response.body());
    }
    return new Response(uri, status, response.headers(), response.body());
  }

  private <T> HttpResponse<T> exchange(
      String method,
      String path,
      BodyPublisher body,
      Map<String, String> headers,
      Optional<Duration> timeout,
      BodyHandler<T> handler) {
    URI uri = URI.create(base + path);
    HttpRequest.Builder request =
        HttpRequest.newBuilder(uri).header("Authorization", authorization).method(method, body);
    timeout.ifPresent(request::timeout);
    headers.forEach(request::header);
    try {
      return http.send(request.build(), handler);
    } catch (HttpConnectTimeoutException | ConnectException e) {
      throw unreachable(uri, e);
    } catch (HttpTimeoutException e) {
      throw new OncellApiException(
          0,
          "timeout",
          "no response from " + uri + " within " + timeout.orElseThrow().toMillis() + " ms",
          e);
    } catch (IOException e) {
      throw unreachable(uri, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new OncellApiException(0, "interrupted", "interrupted while calling " + uri, e);
    }
  }

  private static Map<String, String> withContentType(
      Map<String, String> headers, String contentType) {
    Map<String, String> all = new LinkedHashMap<>(headers);
    all.put("Content-Type", contentType);
    return all;
  }

  private static OncellApiException unreachable(URI uri, IOException e) {
    return new OncellApiException(
        0, "unreachable", "cannot reach the oncell server at " + uri + ": " + describe(e), e);
  }

  /** The most specific message in a cause chain; JDK HTTP exceptions often have none. */
  static String describe(Throwable e) {
    Optional<String> message = Optional.empty();
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t.getMessage() != null && !t.getMessage().isBlank()) {
        message = Optional.of(t.getMessage());
      }
    }
    if (message.isEmpty() && e instanceof ConnectException) {
      return "connection refused";
    }
    return message.orElse(e.getClass().getSimpleName());
  }

  /** Parses {@code {"error": {"code", "message"}}}, falling back to the raw body. */
  static OncellApiException error(URI uri, int status, byte[] body) {
    Optional<OncellApiException> parsed = WireFormat.error(status, body);
    if (parsed.isPresent()) {
      return parsed.get();
    }
    String raw = new String(body, StandardCharsets.UTF_8).strip();
    if (raw.isEmpty()) {
      raw = "HTTP " + status + " from " + uri;
    } else if (raw.length() > MAX_RAW_ERROR_CHARS) {
      raw = raw.substring(0, MAX_RAW_ERROR_CHARS) + "…";
    }
    return new OncellApiException(status, "http_" + status, raw);
  }

  @Override
  public void close() {
    http.close();
  }
}
