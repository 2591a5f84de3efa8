package dev.oncell.client;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;

/**
 * Sends requests and turns every failure into an {@link OncellApiException}. Paths passed in must
 * already be percent-encoded and start with {@code /}.
 */
final class Transport implements AutoCloseable {

  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
  private static final int MAX_RAW_ERROR_CHARS = 500;

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
    return send("GET", path, BodyPublishers.noBody(), Optional.empty(), requestTimeout);
  }

  Response delete(String path) {
    return send("DELETE", path, BodyPublishers.noBody(), Optional.empty(), requestTimeout);
  }

  Response post(String path) {
    return send("POST", path, BodyPublishers.noBody(), Optional.empty(), requestTimeout);
  }

  Response sendJson(String method, String path, JsonNode body, Duration timeout) {
    byte[] bytes = WireFormat.bytes(body);
    return send(
        method, path, BodyPublishers.ofByteArray(bytes), Optional.of("application/json"), timeout);
  }

  Response sendBytes(String method, String path, byte[] body) {
    return send(
        method,
        path,
        BodyPublishers.ofByteArray(body),
        Optional.of("application/octet-stream"),
        requestTimeout);
  }

  private Response send(
      String method,
      String path,
      BodyPublisher body,
      Optional<String> contentType,
      Duration timeout) {
    URI uri = URI.create(base + path);
    HttpRequest.Builder request =
        HttpRequest.newBuilder(uri)
            .timeout(timeout)
            .header("Authorization", authorization)
            .method(method, body);
    contentType.ifPresent(type -> request.header("Content-Type", type));
    HttpResponse<byte[]> response;
    try {
      response = http.send(request.build(), BodyHandlers.ofByteArray());
    } catch (HttpConnectTimeoutException | ConnectException e) {
      throw unreachable(uri, e);
    } catch (HttpTimeoutException e) {
      throw new OncellApiException(
          0, "timeout", "no response from " + uri + " within " + timeout.toMillis() + " ms", e);
    } catch (IOException e) {
      throw unreachable(uri, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new OncellApiException(0, "interrupted", "interrupted while calling " + uri, e);
    }
    int status = response.statusCode();
    if (status < 200 || status > 299) {
      throw error(uri, status, response.body());
    }
    return new Response(uri, status, response.headers(), response.body());
  }

  private static OncellApiException unreachable(URI uri, IOException e) {
    return new OncellApiException(
        0, "unreachable", "cannot reach the oncell server at " + uri + ": " + describe(e), e);
  }

  /** The most specific message in a cause chain; JDK HTTP exceptions often have none. */
  private static String describe(Throwable e) {
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
