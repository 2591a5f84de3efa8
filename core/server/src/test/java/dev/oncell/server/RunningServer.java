package dev.oncell.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.oncell.runtime.Host;
import dev.oncell.runtime.fixtures.TestHost;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * A real server on an ephemeral loopback port over the host of a {@link TestHost} (a real host in a
 * temporary ONCELL_HOME). Closing it closes the server and stops the host; the home stays, so a new
 * {@code RunningServer} over the same {@code TestHost} is a restart.
 */
final class RunningServer implements AutoCloseable {

  static final String KEY = "test-operator-key-0123456789";
  static final ObjectMapper JSON = new ObjectMapper();

  final Path home;
  final Host host;
  final OncellServer server;
  private final TestHost oncell;
  private final HttpClient http = HttpClient.newHttpClient();

  /** A server with a 16 MiB body limit; it opens {@code oncell}'s host if it is not open. */
  RunningServer(TestHost oncell) {
    this(oncell, 16L << 20);
  }

  RunningServer(TestHost oncell, long maxBodyBytes) {
    this(oncell, b -> b.maxBodyBytes(maxBodyBytes));
  }

  /** A server whose builder {@code settings} adjust (limits, timeouts). */
  RunningServer(TestHost oncell, UnaryOperator<OncellServer.Builder> settings) {
    this(oncell, Optional.of(KEY), settings);
  }

  /**
   * A server started as {@code oncell serve} would be: with {@code operatorKey} as ONCELL_API_KEY,
   * or without it (the key in operator.key, generated if needed). A failed start stops the host.
   */
  RunningServer(TestHost oncell, Optional<String> operatorKey) {
    this(oncell, operatorKey, UnaryOperator.identity());
  }

  private RunningServer(
      TestHost oncell, Optional<String> operatorKey, UnaryOperator<OncellServer.Builder> settings) {
    this.oncell = oncell;
    this.home = oncell.home();
    this.host = oncell.isOpen() ? oncell.host() : oncell.open();
    try {
      host.apiKeys().bootstrapOperatorKey(operatorKey);
      this.server = settings.apply(OncellServer.builder(host).port(0)).build().start();
    } catch (RuntimeException e) {
      oncell.stop();
      throw e;
    }
  }

  /** A response with its body as text and, if it parses, as JSON. */
  record Reply(int status, String body, HttpResponse<byte[]> raw) {
    JsonNode json() {
      try {
        return JSON.readTree(body);
      } catch (IOException e) {
        throw new AssertionError("not JSON: " + body, e);
      }
    }

    String errorCode() {
      return json().path("error").path("code").asText();
    }
  }

  Reply call(String method, String path, String body) {
    return call(method, path, body == null ? null : body.getBytes(StandardCharsets.UTF_8), KEY);
  }

  Reply call(String method, String path, byte[] body, String key) {
    HttpRequest.Builder builder =
        HttpRequest.newBuilder(URI.create(server.url() + path))
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofByteArray(body));
    if (key != null) {
      builder.header("Authorization", "Bearer " + key);
    }
    try {
      HttpResponse<byte[]> response =
          http.send(builder.build(), HttpResponse.BodyHandlers.ofByteArray());
      return new Reply(
          response.statusCode(), new String(response.body(), StandardCharsets.UTF_8), response);
    } catch (IOException e) {
      throw new AssertionError(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  Reply get(String path) {
    return call("GET", path, null);
  }

  Reply post(String path, String json) {
    return call("POST", path, json);
  }

  Reply put(String path, String body) {
    return call("PUT", path, body);
  }

  Reply delete(String path) {
    return call("DELETE", path, null);
  }

  Reply shell(String customer, String command) {
    return post(
        "/v1/customers/" + customer + "/shell",
        JSON.createObjectNode().put("command", command).put("timeoutMs", 20000).toString());
  }

  @Override
  public void close() {
    try {
      server.close();
    } finally {
      oncell.stop();
    }
  }
}
